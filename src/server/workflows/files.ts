/**
 * Import and export of workflows as `.py` files (docs/decisions/078), and the import of `.zip` archives (089). An
 * export is the stored code byte for byte (a byte-order mark and CRLF kept). Each imported file is checked like a
 * save — a `.py` name, at most 512 KiB, UTF-8 text, no NUL — and saved as a new workflow named after the file; a file
 * that fails is reported and the others still import.
 */
import { isZipFilename, nameFromFilename, pyFilename } from "~/lib/workflow-files";
import { AppError } from "../errors/app-error";
import type { ImportResult, ImportSummary } from "~/lib/validation/history-output";
import { type ImportedFile, readFile, refuse } from "./file-checks";
import { importZip } from "./import-zip";
import { getWorkflow, saveWorkflow, type WorkflowScope } from "./service";
import { openZip, type OpenZip } from "./zip-reader";

export type { ImportedFile };

/** One `.py` file as a new workflow, or the reason it is refused. */
async function importPy(scope: WorkflowScope, file: ImportedFile): Promise<ImportResult> {
  const read = readFile(file);
  if ("refused" in read) return read.refused;
  try {
    const saved = await saveWorkflow(scope, { name: nameFromFilename(file.filename), code: read.code });
    return { filename: file.filename, ok: true, workflow: { id: saved.id, name: saved.name, version: saved.version } };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return refuse(file.filename, error.code, error.message);
  }
}

/**
 * Imports files one after another, each `.py` as a new workflow and each `.zip` entry by entry (decision 089), each
 * refused on its own. Archives are opened and checked first: one that is refused whole refuses the request, before
 * anything is imported.
 */
export async function importFiles(scope: WorkflowScope, files: readonly ImportedFile[]): Promise<ImportSummary> {
  const archives = new Map<ImportedFile, OpenZip>();
  try {
    for (const file of files) if (isZipFilename(file.filename)) archives.set(file, await openZip(file.bytes));
    const results: ImportResult[] = [];
    for (const file of files) {
      const archive = archives.get(file);
      if (archive) results.push(...(await importZip(scope, file.filename, archive)));
      else results.push(await importPy(scope, file));
    }
    const skipped = results.filter((result) => result.ok && result.existing).length;
    const imported = results.filter((result) => result.ok).length - skipped;
    return { imported, skipped, refused: results.length - imported - skipped, results };
  } finally {
    for (const archive of archives.values()) archive.close();
  }
}

/** A workflow as a file: the name it downloads as and its code, byte for byte. */
export async function exportFile(scope: WorkflowScope, id: string): Promise<{ id: string; version: number; filename: string; code: string }> {
  const workflow = await getWorkflow(scope, id);
  return { id: workflow.id, version: workflow.version, filename: pyFilename(workflow.name), code: workflow.code };
}
