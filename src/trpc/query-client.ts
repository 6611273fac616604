import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import { transformer } from "~/lib/transformer";

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // With SSR, a short stale time avoids refetching at once on the client.
        staleTime: 30 * 1000,
        retry: (failureCount, error) => {
          const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus ?? 0;
          return status >= 500 && failureCount < 2;
        },
      },
      dehydrate: {
        serializeData: transformer.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: transformer.deserialize },
    },
  });
}
