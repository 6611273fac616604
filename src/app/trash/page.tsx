import type { Metadata } from "next";
import { TrashView } from "~/components/trash/trash-view";
import { requireUser } from "~/server/auth/server-user";

export const metadata: Metadata = { title: "Trash · Workflow Studio" };

export default async function TrashPage() {
  await requireUser("/trash");
  return <TrashView />;
}
