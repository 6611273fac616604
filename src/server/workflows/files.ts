/**
 * Import and export of workflows as `.py` files (docs/decisions/078). An export is the stored code byte for byte (a
 * byte-order mark and CRLF kept). Each imported file is checked like a save — a `.py` name, at most 512 KiB, UTF-8
 * text, no NUL — and saved as a new workflow named after the file; a file that fails is reported and the others
 * still import.
 */
import { workflowCode, MAX_CODE_BYTES } from "~/lib/validation/workflow";
import { isPyFilename, nameFromFilename, pyFilename } from "~/lib/workflow-files";
import { AppError } from "../errors/app-error";
import type { ImportResult, ImportSummary } from "~/lib/validation/history-output";
import { getWorkflow, saveWorkflow, type WorkflowScope } from "./service";

export interface ImportedFile {
  filename: string;
  bytes: Uint8Array;
}

const KIB = 1024;

function refuse(filename: string, code: string, message: string): ImportResult {
  return { filename, ok: false, error: { code, message } };
}

/** The code of one file, or the reason it is refused. */
function readFile(file: ImportedFile): { code: string } | { refused: ImportResult } {
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

/** Imports files one after another, each as a new workflow, each refused on its own. */
export async function importFiles(scope: WorkflowScope, files: readonly ImportedFile[]): Promise<ImportSummary> {
  const results: ImportResult[] = [];
  for (const file of files) {
    const read = readFile(file);
    if ("refused" in read) {
      results.push(read.refused);
      continue;
    }
    try {
      const saved = await saveWorkflow(scope, { name: nameFromFilename(file.filename), code: read.code });
      results.push({ filename: file.filename, ok: true, workflow: { id: saved.id, name: saved.name, version: saved.version } });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push(refuse(file.filename, error.code, error.message));
    }
  }
  const imported = results.filter((result) => result.ok).length;
  return { imported, refused: results.length - imported, results };
}

/** A workflow as a file: the name it downloads as and its code, byte for byte. */
export async function exportFile(scope: WorkflowScope, id: string): Promise<{ id: string; version: number; filename: string; code: string }> {
  const workflow = await getWorkflow(scope, id);
  return { id: workflow.id, version: workflow.version, filename: pyFilename(workflow.name), code: workflow.code };
}
