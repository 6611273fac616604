/**
 * All of a person's workflows as one `.zip` (docs/decisions/088), streamed: the workflows are read in pages of 50
 * (keyset on creation time, so a save during the export neither skips nor repeats one), each page's files are handed
 * to yazl only as its output takes them, and the next page is read once this one has been taken — the archive is
 * never in memory, and a slow client slows the reading instead of filling the server. Each workflow is
 * `<name>.py`, its code byte for byte; `workflows.json` comes last with names, tags, framework, times and version
 * counts. A client that goes away stops the export.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { Readable, type Writable } from "node:stream";
import { ZipFile } from "yazl";
import { MANIFEST_FORMAT, type ExportManifest, type ManifestWorkflow } from "~/lib/validation/zip-output";
import { MANIFEST_FILENAME, uniqueFilenames } from "~/lib/workflow-files";
import type { Prisma } from "../db/generated/client";
import { restoreLeadingBom, type WorkflowScope } from "./service";

const PAGE = 50;

const exportSelect = {
  id: true,
  name: true,
  code: true,
  codeBytes: true,
  tags: true,
  dialect: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WorkflowSelect;

type ExportRow = Prisma.WorkflowGetPayload<{ select: typeof exportSelect }>;

/** The archive's file name: `workflows-2026-11-30.zip`. */
export const exportFilename = (now: Date) => `workflows-${now.toISOString().slice(0, 10)}.zip`;

class ExportAborted extends Error {}

/** Resolves when `signal` aborts (the client went away), so a wait for the zip's output can stop. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const stop = () => reject(new ExportAborted());
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
  });
}

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
  const zip = new ZipFile();
  let started = false;
  const begin = () => {
    if (started) return;
    started = true;
    start();
    zip.outputStream.pipe(out);
  };
  const filenameOf = uniqueFilenames();
  const manifest: ManifestWorkflow[] = [];
  const stop = aborted(signal);
  stop.catch(() => {});
  try {
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const rows: ExportRow[] = await Promise.race([
        db.prisma.workflow.findMany({
          where: {
            ownerId,
            deletedAt: null,
            ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: PAGE,
          select: exportSelect,
        }),
        stop,
      ]);
      begin();
      if (rows.length === 0) break;
      const kept = await db.prisma.workflowVersion.groupBy({ by: ["workflowId"], where: { workflowId: { in: rows.map((row) => row.id) } }, _count: { _all: true } });
      const keptOf = new Map(kept.map((group) => [group.workflowId, group._count._all]));

      let taken = 0;
      const pageTaken = new Promise<void>((resolve) => {
        for (const row of rows) {
          const bytes = Buffer.from(restoreLeadingBom(row.code, row.codeBytes), "utf8");
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
          // yazl asks for the stream when the entry's turn comes; until then only this page is held.
          zip.addReadStreamLazy(file, { mtime: row.updatedAt, size: bytes.byteLength }, (callback) => {
            if (++taken === rows.length) resolve();
            callback(null, Readable.from([bytes]));
          });
        }
      });
      await Promise.race([pageTaken, stop]);
      const last = rows.at(-1)!;
      after = { createdAt: last.createdAt, id: last.id };
    }
    const document: ExportManifest = { format: MANIFEST_FORMAT, version: 1, exportedAt: now.toISOString(), workflows: manifest };
    zip.addBuffer(Buffer.from(`${JSON.stringify(document, null, 2)}\n`, "utf8"), MANIFEST_FILENAME, { mtime: now });
    zip.end();
    await Promise.race([once(out, "finish"), stop]);
    return { files: manifest.length };
  } catch (error) {
    if (started) zip.outputStream.unpipe(out);
    if (error instanceof ExportAborted) return { files: manifest.length };
    throw error;
  }
}
