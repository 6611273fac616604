import { listQueryInput, MAX_WORKFLOW_BODY_BYTES } from "~/lib/validation/workflow";
import { readJsonObject, restHandler, untrusted } from "~/server/api/rest";
import { AppError } from "~/server/errors/app-error";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

export const GET = restHandler(async ({ req, caller }) => {
  const { input, repeated } = listQueryInput(new URL(req.url).searchParams);
  if (repeated) {
    throw new AppError("BAD_REQUEST", `Give "${repeated}" at most once.`, { fields: { [repeated]: ["Repeated parameter."] } });
  }
  return json(await caller.workflow.list(untrusted(input)));
});

export const POST = restHandler(async ({ req, caller }) => {
  const body = await readJsonObject(req, MAX_WORKFLOW_BODY_BYTES);
  const workflow = await caller.workflow.create(untrusted(body));
  return json(workflow, { status: 201, headers: { location: `/api/workflows/${workflow.id}` } });
});
