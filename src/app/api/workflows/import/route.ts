import { MAX_IMPORT_BODY_BYTES } from "~/lib/workflow-files";
import { restHandler } from "~/server/api/rest";
import { AppError } from "~/server/errors/app-error";
import { readMultipartFiles } from "~/server/http/read-multipart";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/**
 * `multipart/form-data` with one or more `.py` files: each becomes a new workflow named after its file, or is refused
 * on its own; the answer lists each file's result. The same procedure as tRPC's `workflow.importFiles`.
 */
export const POST = restHandler(async ({ req, ctx, caller }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to do this."); // before reading a large body
  const files = await readMultipartFiles(req, MAX_IMPORT_BODY_BYTES);
  const input = { files: files.map((file) => ({ filename: file.filename, base64: Buffer.from(file.bytes).toString("base64") })) };
  return json(await caller.workflow.importFiles(input));
});
