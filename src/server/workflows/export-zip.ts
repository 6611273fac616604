/**
 * All of a person's workflows as one `.zip` (docs/decisions/088), streamed: the workflows are read in pages of 50
 * (export-pages.ts: a keyset on creation time, so a save during the export neither skips nor repeats one), each page's files are handed
 * to yazl only as its output takes them, and the next page is read once this one has been taken — the archive is
 * never in memory, and a slow client slows the reading instead of filling the server. Each workflow is
 * `<name>.py`, its code byte for byte; `workflows.json` comes last with names, tags, framework, times and version
 * counts. A client that goes away stops the export.
 */
import { createHash } from "node:crypto";
import type { Writable } from "node:stream";
import { MANIFEST_FORMAT, type ExportManifest, type ManifestWorkflow } from "~/lib/validation/zip-output";
import { MANIFEST_FILENAME, uniqueFilenames } from "~/lib/workflow-files";
import { workflowPages } from "./export-pages";
import { restoreLeadingBom, type WorkflowScope } from "./service";
import { streamZip } from "./zip-stream";

const PAGE = 50;

/** The archive's file name: `workflows-2026-11-30.zip`. */
export const exportFilename = (now: Date) => `workflows-${now.toISOString().slice(0, 10)}.zip`;

/** The code's bytes as its file holds them (a leading BOM the editor does not show is put back). */
export const codeBytesOf = (row: { code: string; codeBytes: number }) => Buffer.from(restoreLeadingBom(row.code, row.codeBytes), "utf8");

/**
 * Writes the archive to `out` and ends it; `start` is called once the first page has been read, before the first byte
 * (so a failure before that is still the caller's to answer as an error). Stops (leaving `out` to its owner) when
 * `signal` aborts; any failure after `start` is thrown, after which `out` holds a cut archive and should be destroyed.
 */
export async function writeExportZip(
  scope: WorkflowScope,
  out: Writable,
  { signal, start, now = new Date() }: { signal: AbortSignal; start: () => void; now?: Date },
): Promise<{ files: number }> {
  const { db, ownerId } = scope;
  const filenameOf = uniqueFilenames();
  const manifest: ManifestWorkflow[] = [];
  await streamZip(out, { signal, start }, async (zip) => {
    for await (const rows of workflowPages(db, ownerId, { pageSize: PAGE, wait: (work) => zip.unlessAborted(work) })) {
      zip.begin();
      const kept = await db.prisma.workflowVersion.groupBy({ by: ["workflowId"], where: { workflowId: { in: rows.map((row) => row.id) } }, _count: { _all: true } });
      const keptOf = new Map(kept.map((group) => [group.workflowId, group._count._all]));
      const entries = rows.map((row) => {
        const bytes = codeBytesOf(row);
        const file = filenameOf(row.name);
        manifest.push({
          file,
          name: row.name,
          tags: row.tags,
          dialect: row.dialect,
          createdAt: row.createdAt.toISOString(),
          updatedAt: row.updatedAt.toISOString(),
          versions: (keptOf.get(row.id) ?? 0) + 1,
          sha256: createHash("sha256").update(bytes).digest("hex"),
        });
        return { path: file, bytes, mtime: row.updatedAt };
      });
      await zip.addPage(entries);
    }
    const document: ExportManifest = { format: MANIFEST_FORMAT, version: 1, exportedAt: now.toISOString(), workflows: manifest };
    zip.addBuffer(MANIFEST_FILENAME, Buffer.from(`${JSON.stringify(document, null, 2)}\n`, "utf8"), now);
  });
  return { files: manifest.length };
}
