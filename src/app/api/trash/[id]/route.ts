import { restHandler } from "~/server/api/rest";

export const dynamic = "force-dynamic";

/** Deletes a trashed workflow and its history for good. */
export const DELETE = restHandler<{ id: string }>(async ({ caller, params }) => {
  await caller.workflow.deleteForever({ id: params.id });
  return new Response(null, { status: 204 });
});
