/**
 * Server-side tRPC for the dashboard's first paint: a caller that runs as the user `requireUser` already
 * authenticated (no second session check), and React Query hydration helpers on one QueryClient per request.
 * (Kept here rather than in src/trpc/server.ts, which the editor pages own.)
 */
import "server-only";
import { createHydrationHelpers } from "@trpc/react-query/rsc";
import { headers } from "next/headers";
import { cache } from "react";
import { createInnerContext, requestMeta, type SessionUser } from "~/server/api/context";
import { createCaller, type AppRouter } from "~/server/api/root";
import { getDatabase } from "~/server/db/client";
import { createQueryClient } from "~/trpc/query-client";

const getQueryClient = cache(createQueryClient);

export async function dashboardApi(user: SessionUser) {
  const incoming = await headers();
  const meta = requestMeta(new Request("http://internal.invalid/", { headers: new Headers(incoming) }));
  const caller = createCaller(createInnerContext({ ...meta, db: await getDatabase(), user }));
  return createHydrationHelpers<AppRouter>(caller, getQueryClient);
}
