import { AppError } from "~/server/errors/app-error";
import { pathNumber, readJsonObject, restHandler, untrusted } from "~/server/api/rest";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** Makes the version's code current as a new version; the body names the version read: `{"expectedVersion": n}`. */
export const POST = restHandler<{ id: string; version: string }>(async ({ req, caller, params }) => {
  const body = await readJsonObject(req, 4 * 1024);
  for (const key of ["id", "version"]) {
    if (key in body) throw new AppError("BAD_REQUEST", "The request is not valid.", { fields: { [key]: [`Unknown field: the ${key} is in the path.`] } });
  }
  return json(await caller.workflow.restore(untrusted({ ...body, id: params.id, version: pathNumber(params.version) })));
});
