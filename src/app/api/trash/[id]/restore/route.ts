import { restHandler } from "~/server/api/rest";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** Takes a workflow out of the trash; answers it as it is now. */
export const POST = restHandler<{ id: string }>(async ({ caller, params }) => {
  await caller.workflow.restoreFromTrash({ id: params.id });
  return json(await caller.workflow.get({ id: params.id }));
});
