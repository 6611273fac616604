/** `/api/workflows…`: the REST face of the workflow procedures (the OpenAPI document describes it). */
import { MAX_WORKFLOW_BODY_BYTES } from "~/lib/validation/workflow";
import { AppError } from "../errors/app-error";
import { queryObject, readJsonObject, restRoute, untrusted } from "./rest";

type Id = { id: string };

export const listWorkflows = restRoute(async ({ url, caller }) => ({
  body: await caller.workflow.list(untrusted(queryObject(url, ["limit"]))),
}));

export const createWorkflow = restRoute(async (args) => {
  const body = await readJsonObject(args, MAX_WORKFLOW_BODY_BYTES);
  const workflow = await args.caller.workflow.create(untrusted(body));
  return { status: 201, body: workflow, headers: { location: `/api/workflows/${workflow.id}` } };
});

export const getWorkflow = restRoute<Id>(async ({ caller, params }) => ({ body: await caller.workflow.get({ id: params.id }) }));

export const updateWorkflow = restRoute<Id>(async (args) => {
  const body = await readJsonObject(args, MAX_WORKFLOW_BODY_BYTES);
  if ("id" in body) throw new AppError("BAD_REQUEST", "The request is not valid.", { fields: { id: ["Unknown field: the id is in the path."] } });
  return { body: await args.caller.workflow.update(untrusted({ ...body, id: args.params.id })) };
});

export const deleteWorkflow = restRoute<Id>(async ({ caller, params }) => {
  await caller.workflow.delete({ id: params.id });
  return { status: 204 };
});

/** The visualizer's graph of the stored code (bounded: decision 035). */
export const workflowGraph = restRoute<Id>(async ({ caller, params }) => ({ body: await caller.workflow.graph({ id: params.id }) }));

/** `GET /api/me` → `{"user":{"id","email"}}`: the same procedure as `auth.me`; 401 when nobody is signed in. */
export const me = restRoute(async ({ caller }) => ({ body: await caller.auth.me() }));
