/**
 * `/api/trpc/*` on our own server, through tRPC's node:http adapter inside `route()`. Before tRPC reads anything the
 * request is checked from its method, URL and headers (JSON only, a bounded batch: ./trpc-request.ts), and a
 * mutation's body is read with the size limit and the body-read deadline (413/408 and a closed connection past them).
 */
import type { ServerResponse } from "node:http";
import { nodeHTTPRequestHandler } from "@trpc/server/adapters/node-http";
import { transformer } from "~/lib/transformer";
import { MAX_WORKFLOW_BODY_BYTES } from "~/lib/validation/workflow";
import { readNodeBodyText } from "../http/read-body";
import { withRequestId } from "../http/request-scope";
import { type AuthenticatedRequest, route } from "../http/route";
import { requestLimits } from "../limits";
import { appRouter, createCaller } from "./root";
import { appErrorOf } from "./trpc";
import { checkTrpcRequest } from "./trpc-request";

export const TRPC_ENDPOINT = "/api/trpc";

/** Room for a batch holding one full-size save and a few small calls; past it the body is not read at all. */
const MAX_TRPC_BODY_BYTES = MAX_WORKFLOW_BODY_BYTES + 64 * 1024;

/**
 * Reads that are cheap and change nothing: a GET of only these is answered straight through `createCaller`, without
 * the adapter's fetch `Request` and response pipeline (issue 13 measured half the CPU per request). Anything else —
 * and any call that fails — goes through tRPC's adapter, which answers errors in the one shape as always.
 */
const DIRECT_QUERIES = new Set(["workflow.list", "workflow.get", "auth.me", "auth.sessions", "system.health"]);

type Callable = (input: unknown) => Promise<unknown>;

/** Answers a GET of direct queries and returns true; false (nothing written) leaves it to tRPC's adapter. */
async function answerDirectly(ctx: AuthenticatedRequest, url: URL, paths: string[], res: ServerResponse): Promise<boolean> {
  const batch = url.searchParams.get("batch") === "1";
  let inputs: unknown[];
  try {
    const raw = url.searchParams.get("input");
    const parsed: unknown = raw === null ? undefined : JSON.parse(raw);
    if (batch && parsed !== undefined && (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))) return false;
    inputs = batch
      ? paths.map((_, i) => transformer.deserialize((parsed as Record<string, unknown> | undefined)?.[String(i)]))
      : [transformer.deserialize(parsed)];
  } catch {
    return false; // tRPC answers input that does not parse
  }
  const caller = createCaller(ctx) as unknown as Record<string, Record<string, Callable>>;
  let results: unknown[];
  try {
    results = await Promise.all(paths.map((path, i) => {
      const [scope, name] = path.split(".") as [string, string];
      return caller[scope]![name]!(inputs[i]);
    }));
  } catch {
    return false; // the adapter runs the call again and answers its error in the one shape
  }
  const items = results.map((data) => ({ result: { data: transformer.serialize(data) } }));
  res.statusCode = 200;
  res.setHeader("vary", "trpc-accept, accept");
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(batch ? items : items[0]));
  return true;
}

export const trpcRoute = route(async ({ req, res, url, head, request, authenticate }) => {
  const limits = requestLimits();
  const calls = checkTrpcRequest({ ...head, url: url.href }, limits.batch);
  let context: Promise<AuthenticatedRequest> | undefined;
  const contextOnce = () => (context ??= authenticate());
  if (head.method === "GET" && !head.headers.get("trpc-accept") && calls.paths.every((path) => DIRECT_QUERIES.has(path))) {
    // A context that fails (the database unreachable) is left to the adapter, which answers it as always.
    const ctx = await contextOnce().catch(() => undefined);
    if (ctx && (await withRequestId(request.requestId, () => answerDirectly(ctx, url, calls.paths, res)))) return;
  }
  if (head.method === "POST") {
    // tRPC's adapter takes a body it finds on the request instead of reading the stream itself.
    (req as typeof req & { body?: string }).body = await readNodeBodyText(req, MAX_TRPC_BODY_BYTES, { deadlineMs: limits.bodyReadMs });
  }
  const path = url.pathname.slice(TRPC_ENDPOINT.length).replace(/^\/+|\/+$/g, "");
  // The error formatter finds the request id here when tRPC refuses a request before it builds a context.
  await withRequestId(request.requestId, () =>
    nodeHTTPRequestHandler({
      req,
      res,
      path,
      router: appRouter,
      maxBatchSize: limits.batch.maxCalls,
      createContext: contextOnce,
      responseMeta({ errors }) {
        if (errors.length === 0) return {};
        const statuses = new Set(errors.map((error) => appErrorOf(error).status));
        const retryAfter = errors.map((error) => appErrorOf(error).extra.headers?.["Retry-After"]).find(Boolean);
        return {
          status: statuses.size === 1 ? [...statuses][0] : 207,
          headers: retryAfter ? { "retry-after": retryAfter } : {},
        };
      },
    }),
  );
});
