import { AppError } from "~/server/errors/app-error";
import { MAX_WORKFLOW_BODY_BYTES } from "~/lib/validation/workflow";
import { readJsonObject, restHandler, untrusted } from "~/server/api/rest";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = restHandler<Params>(async ({ caller, params }) => json(await caller.workflow.get({ id: params.id })));

export const PUT = restHandler<Params>(async ({ req, caller, params }) => {
  const body = await readJsonObject(req, MAX_WORKFLOW_BODY_BYTES);
  if ("id" in body) throw new AppError("BAD_REQUEST", "The request is not valid.", { fields: { id: ['Unknown field: the id is in the path.'] } });
  return json(await caller.workflow.update(untrusted({ ...body, id: params.id })));
});

export const DELETE = restHandler<Params>(async ({ caller, params }) => {
  await caller.workflow.delete({ id: params.id });
  return new Response(null, { status: 204 });
});
