/**
 * `/api/trpc/*` on our own server, through tRPC's node:http adapter inside `route()`. Before tRPC reads anything the
 * request is checked from its method, URL and headers (JSON only, a bounded batch: ./trpc-request.ts), and a
 * mutation's body is read with the size limit and the body-read deadline (413/408 and a closed connection past them).
 */
import { nodeHTTPRequestHandler } from "@trpc/server/adapters/node-http";
import { MAX_WORKFLOW_BODY_BYTES } from "~/lib/validation/workflow";
import { readNodeBodyText } from "../http/read-body";
import { withRequestId } from "../http/request-scope";
import { route } from "../http/route";
import { requestLimits } from "../limits";
import { appRouter } from "./root";
import { appErrorOf } from "./trpc";
import { checkTrpcRequest } from "./trpc-request";

export const TRPC_ENDPOINT = "/api/trpc";

/** Room for a batch holding one full-size save and a few small calls; past it the body is not read at all. */
const MAX_TRPC_BODY_BYTES = MAX_WORKFLOW_BODY_BYTES + 64 * 1024;

export const trpcRoute = route(async ({ req, res, url, head, request, authenticate }) => {
  const limits = requestLimits();
  checkTrpcRequest({ ...head, url: url.href }, limits.batch);
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
      createContext: () => authenticate(),
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
