/**
 * Version history, read and restored (docs/decisions/075): the current state of a workflow and the earlier versions
 * its saves kept, newest first. Restoring saves an old version's code as a new version, through the same
 * optimistic-concurrency update as any save, so nothing is lost and a stale restore answers CONFLICT.
 */
import { z } from "zod";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors/app-error";
import type { ListVersionsInput } from "~/lib/validation/history";
import type { WorkflowVersionDetail, WorkflowVersionItem } from "~/lib/validation/history-output";
import type { WorkflowDetail } from "~/lib/validation/workflow-output";
import { changeWorkflow, knownCount, notFound, restoreLeadingBom, scopeLimits, type WorkflowScope } from "./service";
import { type StorageUsage, storageUsed } from "./storage";

const stateSelect = {
  version: true,
  name: true,
  codeBytes: true,
  codeLines: true,
  dialect: true,
  nodeCount: true,
  edgeCount: true,
} satisfies Prisma.WorkflowSelect & Prisma.WorkflowVersionSelect;

type StateRow = Prisma.WorkflowVersionGetPayload<{ select: typeof stateSelect }>;

function toItem(row: StateRow, savedAt: Date, current: boolean): WorkflowVersionItem {
  return {
    version: row.version,
    name: row.name,
    savedAt: savedAt.toISOString(),
    current,
    size: { bytes: row.codeBytes, lines: row.codeLines },
    graph: { dialect: row.dialect, nodes: knownCount(row.nodeCount), edges: knownCount(row.edgeCount) },
  };
}

const cursorSchema = z.tuple([z.literal("v"), z.number().int().min(1).max(2_147_483_647)]);

const encodeCursor = (version: number) => Buffer.from(JSON.stringify(["v", version]), "utf8").toString("base64url");

function decodeCursor(text: string): number {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")))[1];
  } catch {
    throw new AppError("BAD_REQUEST", "The cursor is not valid for this list.", { fields: { cursor: ["Not a valid cursor."] } });
  }
}

const noSuchVersion = () => new AppError("NOT_FOUND", "No such version of this workflow.");

async function ownedWorkflow({ db, ownerId }: WorkflowScope, id: string) {
  const workflow = await db.prisma.workflow.findFirst({ where: { id, ownerId, deletedAt: null }, select: { ...stateSelect, updatedAt: true } });
  if (!workflow) throw notFound();
  return workflow;
}

/** The current state first, then the kept versions, newest first; paged by an opaque cursor. */
export async function listVersions(
  scope: WorkflowScope,
  input: ListVersionsInput,
): Promise<{ items: WorkflowVersionItem[]; nextCursor: string | null }> {
  const before = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const workflow = await ownedWorkflow(scope, input.id);
  const items: WorkflowVersionItem[] = before === undefined ? [toItem(workflow, workflow.updatedAt, true)] : [];
  const wanted = input.limit - items.length;
  const rows = await scope.db.prisma.workflowVersion.findMany({
    where: { workflowId: input.id, ownerId: scope.ownerId, version: { lt: before ?? workflow.version } },
    orderBy: { version: "desc" },
    take: wanted + 1,
    select: { ...stateSelect, savedAt: true },
  });
  const page = rows.slice(0, wanted);
  items.push(...page.map((row) => toItem(row, row.savedAt, false)));
  const last = items.at(-1)!;
  return { items, nextCursor: rows.length > wanted ? encodeCursor(last.version) : null };
}

/** One version with its code: the current state when `version` is the workflow's own. */
export async function getVersion(scope: WorkflowScope, input: { id: string; version: number }): Promise<WorkflowVersionDetail> {
  const workflow = await scope.db.prisma.workflow.findFirst({
    where: { id: input.id, ownerId: scope.ownerId, deletedAt: null },
    select: { ...stateSelect, updatedAt: true, code: true },
  });
  if (!workflow) throw notFound();
  if (workflow.version === input.version) {
    return { id: input.id, ...toItem(workflow, workflow.updatedAt, true), code: restoreLeadingBom(workflow.code, workflow.codeBytes) };
  }
  const row = await scope.db.prisma.workflowVersion.findFirst({
    where: { workflowId: input.id, ownerId: scope.ownerId, version: input.version },
    select: { ...stateSelect, savedAt: true, code: true },
  });
  if (!row) throw noSuchVersion();
  return { id: input.id, ...toItem(row, row.savedAt, false), code: restoreLeadingBom(row.code, row.codeBytes) };
}

/** Makes an earlier version's code the current code, as a new version (the name stays the current one). */
export async function restoreVersion(
  scope: WorkflowScope,
  input: { id: string; version: number; expectedVersion: number },
): Promise<WorkflowDetail> {
  const version = await getVersion(scope, input);
  return changeWorkflow(scope, input.id, { code: version.code, expectedVersion: input.expectedVersion });
}

/** The person's storage use and limit (shown in settings). */
export async function storageUsage(scope: WorkflowScope): Promise<StorageUsage> {
  const usedBytes = await storageUsed(scope.db.prisma, scope.ownerId);
  return { usedBytes, limitBytes: scopeLimits(scope).storageLimitBytes };
}
