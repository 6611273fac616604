/**
 * A `.zip` as exported (docs/decisions/088, 089), imported entry by entry: each `.py` is checked like a save and
 * becomes a workflow named as `workflows.json` says (else after its file), with the tags it lists; an entry whose
 * name and code match one of the person's live workflows is skipped, so the same archive imported twice creates
 * nothing new. Directories, `workflows.json` and macOS's `__MACOSX/` folder are not results; every other entry is,
 * refused on its own when it must be.
 */
import { MAX_CODE_BYTES, workflowName } from "~/lib/validation/workflow";
import type { ImportResult } from "~/lib/validation/history-output";
import { MAX_TAGS, normaliseTag, tagProblem } from "~/lib/validation/tags";
import { exportManifest, type ManifestWorkflow } from "~/lib/validation/zip-output";
import { MANIFEST_FILENAME, MAX_MANIFEST_BYTES, isPyFilename, nameFromFilename } from "~/lib/workflow-files";
import { AppError } from "../errors/app-error";
import { readFile, refuse } from "./file-checks";
import { insertWorkflow, type WorkflowScope } from "./service";
import type { OpenZip, ZipEntry } from "./zip-reader";

const KIB = 1024;

/** `workflows.json`'s entries by path; an archive without one (or with one that does not read) imports by file names. */
async function readManifest(zip: OpenZip): Promise<Map<string, ManifestWorkflow>> {
  const entry = zip.entries.find((e) => e.name.ok && e.name.path === MANIFEST_FILENAME);
  if (!entry) return new Map();
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await zip.read(entry, MAX_MANIFEST_BYTES));
    const parsed = exportManifest.safeParse(JSON.parse(text));
    return parsed.success ? new Map(parsed.data.workflows.map((w) => [w.file, w])) : new Map();
  } catch {
    return new Map();
  }
}

/** The manifest's tags that are valid tags, normalised, at most 10. */
function tagsOf(listed: readonly string[] | undefined): string[] {
  const tags = new Set<string>();
  for (const text of listed ?? []) {
    const tag = normaliseTag(text);
    if (tagProblem(tag) === null && tags.size < MAX_TAGS) tags.add(tag);
  }
  return [...tags];
}

const skippedSilently = (entry: ZipEntry) =>
  entry.name.ok && (entry.directory || entry.name.path === MANIFEST_FILENAME || entry.name.path.startsWith("__MACOSX/"));

async function importEntry(scope: WorkflowScope, zip: OpenZip, entry: ZipEntry, filename: string, listed?: ManifestWorkflow): Promise<ImportResult> {
  if (!entry.name.ok) return refuse(filename, "BAD_REQUEST", entry.name.message);
  if (!isPyFilename(entry.name.path)) return refuse(filename, "UNSUPPORTED_MEDIA_TYPE", "Only .py files can be imported.");
  if (entry.uncompressedSize > MAX_CODE_BYTES) {
    return refuse(filename, "PAYLOAD_TOO_LARGE", `Too large: ${Math.ceil(entry.uncompressedSize / KIB)} KiB (at most ${MAX_CODE_BYTES / KIB} KiB).`);
  }
  try {
    const read = readFile({ filename, bytes: await zip.read(entry, MAX_CODE_BYTES) });
    if ("refused" in read) return read.refused;
    const listedName = workflowName.safeParse(listed?.name ?? "");
    const name = listedName.success ? listedName.data : nameFromFilename(entry.name.path);
    const { workflow, created } = await insertWorkflow(scope, name, read.code, tagsOf(listed?.tags), { unlessSame: true });
    return {
      filename,
      ok: true,
      workflow: { id: workflow.id, name: workflow.name, version: workflow.version },
      ...(created ? {} : { existing: true as const }),
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return refuse(filename, error.code, error.message);
  }
}

/** Imports an opened archive's entries in order; each result is named `<archive>/<path>`. */
export async function importZip(scope: WorkflowScope, archiveName: string, zip: OpenZip): Promise<ImportResult[]> {
  const manifest = await readManifest(zip);
  const results: ImportResult[] = [];
  for (const entry of zip.entries) {
    if (skippedSilently(entry)) continue;
    const filename = `${archiveName}/${entry.name.path}`;
    results.push(await importEntry(scope, zip, entry, filename, entry.name.ok ? manifest.get(entry.name.path) : undefined));
  }
  return results;
}
