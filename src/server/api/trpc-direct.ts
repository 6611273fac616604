/**
 * tRPC GET queries answered straight through the router's `createCaller`, without tRPC's node-http adapter (its fetch
 * `Request`, `Response`, `Headers` and stream piping): issue 13, decision 079. The answer is the adapter's — the same
 * body (tRPC's `transformTRPCResponse` with our transformer; errors through tRPC's `getErrorShape`, i.e. our error
 * formatter, which also writes the same log lines), the same status (`trpcResponseMeta`, which the adapter uses too)
 * and the same headers — except its framing: `Content-Length` instead of a chunked body.
 * tests/integration/trpc/direct-queries.test.ts compares the two so that they cannot drift.
 */
import type { ServerResponse } from "node:http";
import {
  type AnyRouter,
  type TRPCError,
  getAcceptHeader,
  getErrorShape,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
} from "@trpc/server/unstable-core-do-not-import";
import { appErrorOf } from "./trpc";
import type { RequestHead } from "../http/request";
import type { AuthenticatedRequest } from "../http/route";

/** Reads that are cheap and change nothing: a GET of only these (one, or a batch) may be answered directly. */
export const DIRECT_QUERIES: ReadonlySet<string> = new Set(["workflow.list", "workflow.get", "auth.me", "auth.sessions", "system.health"]);

/** What the adapter's `responseMeta` answers: the errors' one status (207 when they differ) and any Retry-After. */
export function trpcResponseMeta({ errors }: { errors: TRPCError[] }): { status?: number; headers: Record<string, string> } {
  if (errors.length === 0) return { headers: {} };
  const statuses = new Set(errors.map((error) => appErrorOf(error).status));
  const retryAfter = errors.map((error) => appErrorOf(error).extra.headers?.["Retry-After"]).find(Boolean);
  return { status: statuses.size === 1 ? [...statuses][0] : 207, headers: retryAfter ? { "retry-after": retryAfter } : {} };
}

export interface DirectCalls {
  batch: boolean;
  paths: string[];
  /** Each call's input, deserialized as the adapter does it (undefined when not sent). */
  inputs: unknown[];
}

/**
 * The calls of a request the fast path answers, or null to leave it to the adapter: not a GET, streaming asked for
 * (`trpc-accept`, or `application/jsonl` in `accept`, as tRPC reads them), a procedure not in `direct`, or an `input`
 * that does not parse or deserialize (nothing has run yet, so the adapter answers it as always).
 */
export function directCallsOf(
  head: RequestHead,
  url: URL,
  paths: string[],
  transformer: { deserialize(value: unknown): unknown },
  direct: ReadonlySet<string> = DIRECT_QUERIES,
): DirectCalls | null {
  if (head.method !== "GET" || getAcceptHeader(head.headers as unknown as Headers) !== null) return null;
  if (!paths.every((path) => direct.has(path))) return null;
  const batch = url.searchParams.get("batch") === "1";
  try {
    const raw = url.searchParams.get("input");
    const parsed: unknown = raw ? JSON.parse(raw) : undefined; // as tRPC: an empty `input` is no input
    if (!batch) return { batch, paths, inputs: [parsed === undefined ? undefined : transformer.deserialize(parsed)] };
    if (parsed !== undefined && (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))) return null;
    const byIndex = (parsed ?? {}) as Record<string, unknown>;
    const inputs = paths.map((_, i) => (byIndex[i] === undefined ? undefined : transformer.deserialize(byIndex[i])));
    return { batch, paths, inputs };
  } catch {
    return null;
  }
}

type Callable = (input: unknown) => Promise<unknown>;

/** Runs the calls through `createCaller(ctx)` and writes the answer the adapter would have written. */
export async function answerDirectly(
  router: AnyRouter,
  caller: unknown,
  ctx: AuthenticatedRequest,
  calls: DirectCalls,
  res: ServerResponse,
): Promise<void> {
  const procedures = caller as Record<string, Record<string, Callable>>;
  const config = router._def._config;
  const settled = await Promise.allSettled(
    calls.paths.map((path, i) => {
      const [scope, name] = path.split(".") as [string, string];
      return procedures[scope]![name]!(calls.inputs[i]);
    }),
  );
  const errors: TRPCError[] = [];
  const items = settled.map((outcome, i) => {
    if (outcome.status === "fulfilled") return { result: { data: outcome.value } };
    const error = getTRPCErrorFromUnknown(outcome.reason);
    errors.push(error);
    return { error: getErrorShape({ config, ctx, error, input: calls.inputs[i], path: calls.paths[i], type: "query" }) };
  });
  const meta = trpcResponseMeta({ errors });
  const body = JSON.stringify(transformTRPCResponse(config, calls.batch ? items : items[0]!));
  res.statusCode = meta.status ?? 200;
  res.setHeader("vary", "trpc-accept, accept");
  res.setHeader("content-type", "application/json");
  for (const [name, value] of Object.entries(meta.headers)) res.setHeader(name, value);
  res.end(body);
}
