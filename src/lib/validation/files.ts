/** Inputs of the import procedure: files as base64 bytes, so the server checks their UTF-8 itself. */
import { z } from "zod";
import { MAX_IMPORT_BODY_BYTES, MAX_IMPORT_FILES } from "../workflow-files";

export const importFilesInput = z.strictObject({
  files: z
    .array(
      z.strictObject({
        filename: z.string().min(1).max(255),
        /** The file's bytes in base64; past 512 KiB of them the file is refused on its own, within the body's bound. */
        base64: z.base64().max(Math.ceil(MAX_IMPORT_BODY_BYTES / 3) * 4),
      }),
    )
    .min(1, "Attach at least one .py file.")
    .max(MAX_IMPORT_FILES, `At most ${MAX_IMPORT_FILES} files at once.`),
});
