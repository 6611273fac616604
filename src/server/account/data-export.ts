/**
 * "Download my data" (`GET /api/me/export.zip`, docs/decisions/104): everything the app keeps about a person, as one
 * streamed `.zip` written by the same code as "Export all" (src/server/workflows/zip-stream.ts):
 * - `account.json`: the profile;
 * - `workflows/<name>.py` (live) and `trash/<name>.py` (in the trash): each workflow's current code, byte for byte;
 * - `workflows.json`: each workflow with its tags, trash state, current code and every kept version with its code;
 * - `audit-events.json`: the audit events about the person (their id), oldest first.
 * Every read is a page on a keyset (workflows 20 at a time, versions 50, audit events 500), taken when the archive
 * needs it, so memory stays bounded whatever the account holds. The two passes over the workflows are not one
 * snapshot: a save in between shows in one and not the other.
 */
import type { Writable } from "node:stream";
import {
  ACCOUNT_EXPORT_FORMAT,
  type AccountFile,
  type ExportedAuditEvent,
  type ExportedWorkflow,
} from "~/lib/validation/account-output";
import { uniqueFilenames } from "~/lib/workflow-files";
import { audit, type RequestInfo } from "../auth/audit";
import { refuseIfLimited } from "../auth/password-attempts";
import { consume, LIMITS, subjectKey } from "../auth/rate-limit";
import type { Database } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { keysetPages, workflowPages } from "../workflows/export-pages";
import { codeBytesOf } from "../workflows/export-zip";
import { streamZip } from "../workflows/zip-stream";

const WORKFLOW_PAGE = 20;
const VERSION_PAGE = 50;
const AUDIT_PAGE = 500;

/** The archive's file name: `my-data-2026-11-30.zip`. */
export const dataExportFilename = (now: Date) => `my-data-${now.toISOString().slice(0, 10)}.zip`;

/** Every workflow of the owner, the trash included, oldest first, a page at a time. */
const allWorkflowPages = (db: Database, ownerId: string) => workflowPages(db, ownerId, { pageSize: WORKFLOW_PAGE, trash: true });

const versionSelect = { version: true, name: true, dialect: true, savedAt: true, code: true } satisfies Prisma.WorkflowVersionSelect;
type VersionRow = Prisma.WorkflowVersionGetPayload<{ select: typeof versionSelect }>;

const auditSelect = {
  id: true,
  createdAt: true,
  type: true,
  clientAddress: true,
  userAgent: true,
  requestId: true,
  details: true,
} satisfies Prisma.AuditEventSelect;

/** A workflow's kept versions, newest first, as JSON array items. */
async function* historyItems(db: Database, workflowId: string): AsyncGenerator<string> {
  let below: number | null = null;
  for (;;) {
    const rows: VersionRow[] = await db.prisma.workflowVersion.findMany({
      where: { workflowId, ...(below !== null ? { version: { lt: below } } : {}) },
      orderBy: { version: "desc" },
      take: VERSION_PAGE,
      select: versionSelect,
    });
    if (rows.length === 0) return;
    for (const row of rows) yield JSON.stringify({ ...row, savedAt: row.savedAt.toISOString() });
    below = rows.at(-1)!.version;
  }
}

function header(exportedAt: Date): string {
  return JSON.stringify({ format: ACCOUNT_EXPORT_FORMAT, version: 1, exportedAt: exportedAt.toISOString() }).slice(0, -1);
}

/** `workflows.json`, written as it is read: one workflow a line, its history streamed inside it. */
async function* workflowsJson(db: Database, ownerId: string, files: Map<string, string>, now: Date): AsyncGenerator<string> {
  yield `${header(now)},"workflows":[`;
  let first = true;
  for await (const rows of allWorkflowPages(db, ownerId)) {
    for (const row of rows) {
      const item: Omit<ExportedWorkflow, "history"> = {
        id: row.id,
        name: row.name,
        // A workflow created after the .py pass has no file; the code is here all the same.
        file: files.get(row.id) ?? "",
        dialect: row.dialect,
        tags: row.tags,
        version: row.version,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        inTrash: row.deletedAt !== null,
        deletedAt: row.deletedAt?.toISOString() ?? null,
        code: row.code,
      };
      yield `${first ? "" : ","}\n${JSON.stringify(item).slice(0, -1)},"history":[`;
      first = false;
      let firstVersion = true;
      for await (const version of historyItems(db, row.id)) {
        yield `${firstVersion ? "" : ","}${version}`;
        firstVersion = false;
      }
      yield "]}";
    }
  }
  yield "\n]}\n";
}

/** `audit-events.json`: the events that name the person, oldest first. */
async function* auditEventsJson(db: Database, userId: string, now: Date): AsyncGenerator<string> {
  yield `${header(now)},"events":[`;
  let first = true;
  const pages = keysetPages(AUDIT_PAGE, (page) => db.prisma.auditEvent.findMany({ ...page, where: { userId, ...page.where }, select: auditSelect }));
  for await (const rows of pages) {
    for (const row of rows) {
      const event: ExportedAuditEvent = {
        createdAt: row.createdAt.toISOString(),
        type: row.type,
        clientAddress: row.clientAddress,
        userAgent: row.userAgent,
        requestId: row.requestId,
        details: (row.details as Record<string, unknown> | null) ?? null,
      };
      yield `${first ? "" : ","}\n${JSON.stringify(event)}`;
      first = false;
    }
  }
  yield "\n]}\n";
}

/**
 * Writes the person's archive to `out` and ends it (the contract of `streamZip`: `start` before the first byte, false
 * when the client went away, a throw after `start` leaves a cut archive for the caller to destroy).
 */
export async function writeDataExport(
  db: Database,
  userId: string,
  out: Writable,
  { signal, start, now = new Date() }: { signal: AbortSignal; start: () => void; now?: Date },
): Promise<boolean> {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, createdAt: true, updatedAt: true, emailVerifiedAt: true } });
  const account: AccountFile = {
    format: ACCOUNT_EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    account: {
      id: user.id,
      email: user.email,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
    },
  };
  const liveName = uniqueFilenames();
  const trashName = uniqueFilenames();
  const files = new Map<string, string>();
  return streamZip(out, { signal, start }, async (zip) => {
    zip.addBuffer("account.json", Buffer.from(`${JSON.stringify(account, null, 2)}\n`, "utf8"), now);
    for await (const rows of allWorkflowPages(db, userId)) {
      const entries = rows.map((row) => {
        const path = row.deletedAt ? `trash/${trashName(row.name)}` : `workflows/${liveName(row.name)}`;
        files.set(row.id, path);
        return { path, bytes: codeBytesOf(row), mtime: row.updatedAt };
      });
      await zip.addPage(entries);
    }
    zip.addGenerated("workflows.json", now, () => workflowsJson(db, userId, files, now));
    zip.addGenerated("audit-events.json", now, () => auditEventsJson(db, userId, now));
  });
}

/**
 * Before an export: counts it against the person's limit (5 an hour: each reads everything they have), a 429 in the
 * one shape past it, and audits it.
 */
export async function admitDataExport(req: RequestInfo, userId: string): Promise<void> {
  await refuseIfLimited(req, () => consume(req.db, LIMITS.dataExportPerUser, subjectKey(userId)));
  await audit(req, { type: "data_export", userId });
}
