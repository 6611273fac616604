import { MAX_WORKFLOW_BODY_BYTES } from "~/lib/validation/workflow";
import { queryObject, readJsonObject, restHandler, untrusted } from "~/server/api/rest";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

export const GET = restHandler(async ({ req, caller }) => json(await caller.workflow.list(untrusted(queryObject(req, ["limit"])))));

export const POST = restHandler(async ({ req, caller }) => {
  const body = await readJsonObject(req, MAX_WORKFLOW_BODY_BYTES);
  const workflow = await caller.workflow.create(untrusted(body));
  return json(workflow, { status: 201, headers: { location: `/api/workflows/${workflow.id}` } });
});
