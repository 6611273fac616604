"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { httpBatchLink, httpLink, loggerLink, splitLink } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { useState, type ReactNode } from "react";
import { HEAVY_PROCEDURES, TRPC_MAX_BATCH_CALLS } from "~/lib/api-limits";
import { transformer } from "~/lib/transformer";
import type { AppRouter } from "~/server/api/root";
import { createErrorAdaptingFetch } from "./error-adapter";
import { createQueryClient } from "./query-client";

let clientQueryClientSingleton: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === "undefined") return createQueryClient();
  return (clientQueryClientSingleton ??= createQueryClient());
}

export const api = createTRPCReact<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    api.createClient({
      links: [
        loggerLink({
          enabled: (op) => process.env.NODE_ENV === "development" && op.direction === "down" && op.result instanceof Error,
        }),
        // The server refuses batches past its limits (src/lib/api-limits.ts): heavy calls go one per request.
        splitLink({
          condition: (op) => HEAVY_PROCEDURES.has(op.path),
          true: httpLink({
            transformer,
            url: `${getBaseUrl()}/api/trpc`,
            fetch: createErrorAdaptingFetch(),
            headers: () => ({ "x-trpc-source": "nextjs-react" }),
          }),
          false: httpBatchLink({
            transformer,
            url: `${getBaseUrl()}/api/trpc`,
            maxItems: TRPC_MAX_BATCH_CALLS,
            fetch: createErrorAdaptingFetch(),
            headers: () => ({ "x-trpc-source": "nextjs-react" }),
          }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <api.Provider client={trpcClient} queryClient={queryClient}>
        {children}
      </api.Provider>
    </QueryClientProvider>
  );
}

function getBaseUrl() {
  if (typeof window !== "undefined") return window.location.origin;
  return `http://localhost:${process.env.PORT ?? 3000}`;
}
