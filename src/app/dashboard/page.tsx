import type { Metadata } from "next";
import { Dashboard } from "~/components/dashboard/dashboard";
import { parseDashboardQuery, serverListInput } from "~/components/dashboard/list-input";
import { requireUser } from "~/server/auth/server-user";
import { dashboardApi } from "./server-api";

export const metadata: Metadata = { title: "Dashboard · Workflow Studio" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const query = parseDashboardQuery(await searchParams);
  const user = await requireUser("/dashboard");
  const { trpc, HydrateClient } = await dashboardApi(user);
  // The first page of what the URL asks for is in the HTML: cards paint at once, no skeleton flash, no layout shift;
  // a shared link or Back to /dashboard?q=…&fw=…&sort=… shows its own results.
  await Promise.all([trpc.workflow.list.prefetchInfinite(serverListInput(query)), trpc.workflow.tags.prefetch()]);
  return (
    <HydrateClient>
      <Dashboard />
    </HydrateClient>
  );
}
