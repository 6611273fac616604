/**
 * `/api/trpc/*` on our own server, through tRPC's node:http adapter inside `route()`. Before tRPC reads anything the
 * request is checked from its method, URL and headers (JSON only, a bounded batch: ./trpc-request.ts), and a
 * mutation's body is read with the size limit and the body-read deadline (413/408 and a closed connection past them).
 * A GET of cheap queries is answered without the adapter, with the adapter's answer (./trpc-direct.ts).
 */
import { nodeHTTPRequestHandler } from "@trpc/server/adapters/node-http";
import { transformer } from "~/lib/transformer";
import { readNodeBodyText } from "../http/read-body";
import { withRequestId } from "../http/request-scope";
import { type AuthenticatedRequest, route } from "../http/route";
import { MAX_TRPC_BODY_BYTES, requestLimits } from "../limits";
import { appRouter, createCaller } from "./root";
import { DIRECT_QUERIES, answerDirectly, directCallsOf, trpcResponseMeta } from "./trpc-direct";
import { checkTrpcRequest } from "./trpc-request";

export const TRPC_ENDPOINT = "/api/trpc";

/**
 * The tRPC route. `directQueries`: the GET queries answered straight through `createCaller` (./trpc-direct.ts); the
 * empty set sends everything through the adapter (the test that compares the two answers).
 */
export function createTrpcRoute(directQueries: ReadonlySet<string> = DIRECT_QUERIES) {
  return route(async ({ req, res, url, head, request, authenticate }) => {
    const limits = requestLimits();
    const calls = checkTrpcRequest({ ...head, url: url.href }, limits.batch);
    let context: Promise<AuthenticatedRequest> | undefined;
    const contextOnce = () => (context ??= authenticate());
    const direct = directCallsOf(head, url, calls.paths, transformer, directQueries);
    if (direct) {
      // A context that fails (the database unreachable) is left to the adapter, which answers it as always.
      const ctx = await contextOnce().catch(() => undefined);
      if (ctx) return withRequestId(request.requestId, () => answerDirectly(appRouter, createCaller(ctx), ctx, direct, res));
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
        responseMeta: trpcResponseMeta,
      }),
    );
  });
}

export const trpcRoute = createTrpcRoute();
