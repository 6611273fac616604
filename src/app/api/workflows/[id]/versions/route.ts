import { queryObject, restHandler, untrusted } from "~/server/api/rest";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** The workflow's current state and its kept versions, newest first. */
export const GET = restHandler<{ id: string }>(async ({ req, caller, params }) =>
  json(await caller.workflow.versions(untrusted({ ...queryObject(req, ["limit"]), id: params.id }))),
);
