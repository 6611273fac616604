import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext, requestMeta } from "~/server/api/context";
import { appRouter } from "~/server/api/root";
import { appErrorOf } from "~/server/api/trpc";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  const { requestId } = requestMeta(req);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
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
}

export { handler as GET, handler as POST };
