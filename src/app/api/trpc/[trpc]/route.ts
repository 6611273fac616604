import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { MAX_WORKFLOW_BODY_BYTES } from "~/lib/validation/workflow";
import { createRequestContext, requestMeta } from "~/server/api/context";
import { appRouter } from "~/server/api/root";
import { appErrorOf } from "~/server/api/trpc";
import { checkTrpcRequest } from "~/server/api/trpc-request";
import { readBodyText } from "~/server/http/read-body";
import { withRequestId } from "~/server/http/request-scope";
import { errorResponse } from "~/server/http/respond";
import { requestLimits } from "~/server/limits";

export const dynamic = "force-dynamic";

/** Room for a batch holding one full-size save and a few small calls; past it the body is not read at all. */
const MAX_TRPC_BODY_BYTES = MAX_WORKFLOW_BODY_BYTES + 64 * 1024;

/**
 * The request tRPC may read: JSON only, a bounded batch (checked before anything is read), and a mutation's body
 * read with the size limit and the body-read deadline (413/408 and a closed connection past them).
 */
async function boundedRequest(req: Request): Promise<Request> {
  const limits = requestLimits();
  checkTrpcRequest(req, limits.batch);
  if (req.method !== "POST") return req;
  const body = await readBodyText(req, MAX_TRPC_BODY_BYTES, { deadlineMs: limits.bodyReadMs });
  return new Request(req.url, { method: req.method, headers: req.headers, body });
}

async function handler(incoming: Request) {
  const { requestId } = requestMeta(incoming);
  let req: Request;
  try {
    req = await boundedRequest(incoming);
  } catch (error) {
    return errorResponse(error, requestId);
  }
  const serve = () =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      maxBatchSize: requestLimits().batch.maxCalls,
      createContext: () => createRequestContext(req),
      responseMeta({ errors }) {
        const headers = { "cache-control": "no-store", "x-request-id": requestId };
        if (errors.length === 0) return { headers };
        const statuses = new Set(errors.map((error) => appErrorOf(error).status));
        const retryAfter = errors.map((error) => appErrorOf(error).extra.headers?.["Retry-After"]).find(Boolean);
        return {
          status: statuses.size === 1 ? [...statuses][0] : 207,
          headers: retryAfter ? { ...headers, "retry-after": retryAfter } : headers,
        };
      },
    });
  // The error formatter finds the request id here when tRPC refuses a request before it builds a context.
  return withRequestId(requestId, serve);
}

export { handler as GET, handler as POST };
