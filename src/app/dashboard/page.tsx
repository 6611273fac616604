import type { Metadata } from "next";
import { Dashboard } from "~/components/dashboard/dashboard";
import { listInput } from "~/components/dashboard/list-input";
import { requireUser } from "~/server/auth/server-user";
import { dashboardApi } from "./server-api";

export const metadata: Metadata = { title: "Dashboard · Workflow Studio" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const { trpc, HydrateClient } = await dashboardApi(user);
  // The first page is in the HTML: cards paint at once, no skeleton flash, no layout shift.
  await trpc.workflow.list.prefetchInfinite(listInput("", "updated"));
  return (
    <HydrateClient>
      <Dashboard />
    </HydrateClient>
  );
}
