/**
 * The checks an imported file passes before it is saved, like a save's (docs/decisions/078): a `.py` name, at most
 * 512 KiB, UTF-8 text, no NUL. Shared by `.py` uploads and the entries of a `.zip` (decision 089).
 */
import { workflowCode, MAX_CODE_BYTES } from "~/lib/validation/workflow";
import type { ImportResult } from "~/lib/validation/history-output";
import { isPyFilename } from "~/lib/workflow-files";

export interface ImportedFile {
  filename: string;
  bytes: Uint8Array;
}

const KIB = 1024;

export function refuse(filename: string, code: string, message: string): ImportResult {
  return { filename, ok: false, error: { code, message } };
}

/** The code of one file, or the reason it is refused (also for each `.py` in a `.zip`). */
export function readFile(file: ImportedFile): { code: string } | { refused: ImportResult } {
  const { filename, bytes } = file;
  if (!isPyFilename(filename)) return { refused: refuse(filename, "UNSUPPORTED_MEDIA_TYPE", "Only .py files can be imported.") };
  if (bytes.byteLength > MAX_CODE_BYTES) {
    return { refused: refuse(filename, "PAYLOAD_TOO_LARGE", `Too large: ${Math.ceil(bytes.byteLength / KIB)} KiB (at most ${MAX_CODE_BYTES / KIB} KiB).`) };
  }
  let code: string;
  try {
    // ignoreBOM keeps a leading byte-order mark in the text, so the workflow holds the file byte for byte.
    code = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { refused: refuse(filename, "BAD_REQUEST", "Not UTF-8 text.") };
  }
  const checked = workflowCode.safeParse(code);
  if (!checked.success) return { refused: refuse(filename, "BAD_REQUEST", checked.error.issues[0]?.message ?? "Not valid code.") };
  return { code };
}
