import { create as contentDisposition } from "content-disposition";
import { asciiFilename } from "~/lib/workflow-files";
import { restHandler } from "~/server/api/rest";

export const dynamic = "force-dynamic";

/** The workflow's code as a `.py` file, byte for byte, named after the workflow. */
export const GET = restHandler<{ id: string }>(async ({ caller, params }) => {
  const file = await caller.workflow.exportFile({ id: params.id });
  return new Response(Buffer.from(file.code, "utf8"), {
    headers: {
      "content-type": "text/x-python; charset=utf-8",
      "content-disposition": contentDisposition(file.filename, { fallback: asciiFilename(file.filename) }),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
