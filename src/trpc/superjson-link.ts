/**
 * superjson in the browser only when a response needs it (docs/decisions/107). The server's one transformer
 * (src/lib/transformer.ts) sends plain JSON as it is and wraps anything else (today only the sessions list's dates);
 * so the browser's links pass values through untouched, and this link, first in the chain, revives a wrapped
 * result with that same transformer, imported on the first wrapped response. Inputs go as JSON: every input
 * schema takes JSON values only.
 */
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { LOAD_FAILED, lazyModule } from "~/lib/lazy";
import { isWrapped } from "~/lib/transformer-wire";
import type { AppRouter } from "~/server/api/root";

/** What the browser's http links use as their transformer: the value as it is, both ways. */
export const passThroughTransformer = {
  serialize: (value: unknown): unknown => value,
  deserialize: (value: unknown): unknown => value,
};

const loadTransformer = lazyModule(() => import("~/lib/transformer").then((module) => module.transformer));

/** Revives superjson-wrapped results, in order: a result waits for superjson, and so do the ones after it. */
export function superjsonLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let queue = Promise.resolve();
        const then = (step: () => void | Promise<void>) => {
          queue = queue.then(step).catch((cause: unknown) => observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(LOAD_FAILED))));
        };
        const subscription = next(op).subscribe({
          next(envelope) {
            const result = envelope.result;
            if (!("data" in result) || result.type === "started" || result.type === "stopped" || result.type === "state" || !isWrapped(result.data)) {
              then(() => observer.next(envelope));
              return;
            }
            then(async () => {
              const transformer = await loadTransformer().catch(() => {
                throw new Error(LOAD_FAILED);
              });
              observer.next({ ...envelope, result: { type: "data", data: transformer.deserialize(result.data) } });
            });
          },
          error: (error) => then(() => observer.error(error)),
          complete: () => then(() => observer.complete()),
        });
        return () => subscription.unsubscribe();
      });
}
