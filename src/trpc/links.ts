/**
 * The browser's tRPC links (src/trpc/react.tsx), apart from React so tests can drive them against a real server:
 * superjson revived only where a response carries it (./superjson-link.ts), heavy calls one per request and the
 * rest batched within the server's limits (src/lib/api-limits.ts), our error shape adapted for @trpc/client
 * (./error-adapter.ts). The logger is for development builds only; production bundles leave it out.
 */
import { httpBatchLink, httpLink, loggerLink, splitLink, type TRPCLink } from "@trpc/client";
import { HEAVY_PROCEDURES, TRPC_MAX_BATCH_CALLS } from "~/lib/api-limits";
import type { AppRouter } from "~/server/api/root";
import { createErrorAdaptingFetch } from "./error-adapter";
import { passThroughTransformer, superjsonLink } from "./superjson-link";

export function browserLinks(baseUrl: string, baseFetch?: typeof fetch): TRPCLink<AppRouter>[] {
  const common = {
    transformer: passThroughTransformer,
    url: `${baseUrl}/api/trpc`,
    fetch: createErrorAdaptingFetch(baseFetch),
    headers: () => ({ "x-trpc-source": "nextjs-react" }),
  };
  return [
    ...(process.env.NODE_ENV === "development"
      ? [loggerLink<AppRouter>({ enabled: (op) => op.direction === "down" && op.result instanceof Error })]
      : []),
    superjsonLink(),
    // The server refuses batches past its limits: heavy calls go one per request.
    splitLink({
      condition: (op) => HEAVY_PROCEDURES.has(op.path),
      true: httpLink(common),
      false: httpBatchLink({ ...common, maxItems: TRPC_MAX_BATCH_CALLS }),
    }),
  ];
}
