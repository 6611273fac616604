import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";

/**
 * One React Query client (per browser tab; per request on the server). What a server component prefetches reaches
 * the browser inside the React Server Components payload, which carries dates, maps and sets as they are: so the
 * cache is dehydrated and hydrated without a transformer, and the page's first load carries no superjson
 * (docs/decisions/107).
 */
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
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
}
