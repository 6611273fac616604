/** `/api/workflows…`: the REST face of the workflow procedures (the OpenAPI document describes it). */
import { create as contentDisposition } from "content-disposition";
import { MAX_WORKFLOW_BODY_BYTES } from "~/lib/validation/workflow";
import { MAX_IMPORT_BODY_BYTES, asciiFilename } from "~/lib/workflow-files";
import { AppError } from "../errors/app-error";
import { readMultipartFiles } from "../http/read-multipart";
import { exportFilename, writeExportZip } from "../workflows/export-zip";
import { ownerScope } from "../workflows/service";
import { pathNumber, queryObject, readJsonObject, restRoute, untrusted } from "./rest";

type Id = { id: string };
type IdVersion = { id: string; version: string };

/** `?search=&dialect=airflow&dialect=kedro&tag=etl&tag=nightly&sort=name&limit=&cursor=` (decisions 065, 087). */
export const listWorkflows = restRoute(async ({ url, caller }) => ({
  body: await caller.workflow.list(untrusted(queryObject(url, ["limit"], { dialect: "dialects", tag: "tags" }))),
}));

/** `PUT /api/workflows/:id/tags {"tags": [...]}`: replaces the tags; no new version, no conflict (decision 087). */
export const setTags = restRoute<Id>(async (args) => {
  const body = await readJsonObject(args, 16 * 1024);
  if ("id" in body) throw new AppError("BAD_REQUEST", "The request is not valid.", { fields: { id: ["Unknown field: the id is in the path."] } });
  return { body: await args.caller.workflow.setTags(untrusted({ ...body, id: args.params.id })) };
});

/** `GET /api/tags`: the tags on your live workflows, A–Z, with counts. */
export const listTags = restRoute(async ({ caller }) => ({ body: await caller.workflow.tags() }));

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

/** `POST /api/auth/email/resend` (signed in) → 202 `{"message"}`: a new verification link; the same procedure as `auth.resendVerification`. */
export const resendVerification = restRoute(async ({ caller }) => ({ status: 202, body: await caller.auth.resendVerification() }));

/** The workflow's current state and its kept versions, newest first. */
export const listVersions = restRoute<Id>(async ({ url, caller, params }) => ({
  body: await caller.workflow.versions(untrusted({ ...queryObject(url, ["limit"]), id: params.id })),
}));

/** One version with its code. */
export const getVersion = restRoute<IdVersion>(async ({ caller, params }) => ({
  body: await caller.workflow.version(untrusted({ id: params.id, version: pathNumber(params.version) })),
}));

/** Makes the version's code current as a new version; the body names the version read: `{"expectedVersion": n}`. */
export const restoreVersion = restRoute<IdVersion>(async (args) => {
  const body = await readJsonObject(args, 4 * 1024);
  for (const key of ["id", "version"]) {
    if (key in body) throw new AppError("BAD_REQUEST", "The request is not valid.", { fields: { [key]: [`Unknown field: the ${key} is in the path.`] } });
  }
  const { id, version } = args.params;
  return { body: await args.caller.workflow.restore(untrusted({ ...body, id, version: pathNumber(version) })) };
});

/** Your trashed workflows, most recently deleted first, each with the time it is purged. */
export const listTrash = restRoute(async ({ url, caller }) => ({
  body: await caller.workflow.trash(untrusted(queryObject(url, ["limit"]))),
}));

/** Takes a workflow out of the trash; answers it as it is now. */
export const restoreFromTrash = restRoute<Id>(async ({ caller, params }) => {
  await caller.workflow.restoreFromTrash({ id: params.id });
  return { body: await caller.workflow.get({ id: params.id }) };
});

/** Deletes a trashed workflow and its history for good. */
export const deleteForever = restRoute<Id>(async ({ caller, params }) => {
  await caller.workflow.deleteForever({ id: params.id });
  return { status: 204 };
});

/** The workflow's code as a `.py` file, byte for byte, named after the workflow (docs/decisions/078). */
export const downloadWorkflow = restRoute<Id>(async ({ res, caller, params }) => {
  const file = await caller.workflow.exportFile({ id: params.id });
  const bytes = Buffer.from(file.code, "utf8");
  res.writeHead(200, {
    "content-type": "text/x-python; charset=utf-8",
    "content-length": bytes.byteLength,
    "content-disposition": contentDisposition(file.filename, { fallback: asciiFilename(file.filename) }),
  });
  res.end(bytes);
});

/**
 * `multipart/form-data` with one or more `.py` files: each becomes a new workflow named after its file, or is refused
 * on its own; the answer lists each file's result. The same procedure as tRPC's `workflow.importFiles`.
 */
export const importWorkflows = restRoute(async ({ req, ctx, caller }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to do this."); // before reading a large body
  const files = await readMultipartFiles(req, MAX_IMPORT_BODY_BYTES);
  const input = { files: files.map((file) => ({ filename: file.filename, base64: Buffer.from(file.bytes).toString("base64") })) };
  return { body: await caller.workflow.importFiles(input) };
});

/**
 * `GET /api/workflows/export.zip`: every live workflow as `<name>.py` plus `workflows.json`, streamed as it is read
 * (docs/decisions/088). Once the headers are out an error can only cut the download short (the connection is closed,
 * so the archive is visibly incomplete).
 */
export const exportZip = restRoute(async ({ res, ctx }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
  const now = new Date();
  const gone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  await writeExportZip(ownerScope(ctx.db, ctx.user.id), res, {
    signal: gone.signal,
    now,
    // After the first page was read: a database failure before it is still an error in the one shape.
    start: () =>
      res.writeHead(200, { "content-type": "application/zip", "content-disposition": contentDisposition(exportFilename(now)) }),
  });
});
