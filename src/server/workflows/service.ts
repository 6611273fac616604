/**
 * Workflows: the business rules behind the `workflow` tRPC router and the REST routes.
 * Every read and write is scoped to its owner; another person's id is as unknown as a missing one.
 */
import { createHash } from "node:crypto";
import { getConfig } from "../config";
import type { Database } from "../db/client";
import { Prisma } from "../db/generated/client";
import { isoTime } from "../db/iso-time";
import { itemOf, knownCount, type WorkflowItemRow } from "./item-row";
import { AppError } from "../errors/app-error";
import type { SaveWorkflowInput } from "~/lib/validation/workflow";
import type { WorkflowDetail, WorkflowListItem } from "~/lib/validation/workflow-output";
import { keepPreviousVersion, thinHistory } from "./history-keep";
import type { RetentionPolicy } from "./retention";
import { checkStorage, lockOwner } from "./storage";
import { summariseCode } from "./summary";
import { assertVerifiedPast } from "./unverified-limit";

const listSelect = {
  id: true,
  name: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  codeBytes: true,
  codeLines: true,
  dialect: true,
  nodeCount: true,
  edgeCount: true,
  tags: true,
} satisfies Prisma.WorkflowSelect;

/** What a `WorkflowDetail` is built from (`toDetail`) where Prisma reads a workflow. */
export const fullSelect = { ...listSelect, code: true } satisfies Prisma.WorkflowSelect;

type ListRow = Prisma.WorkflowGetPayload<{ select: typeof listSelect }>;
type FullRow = Prisma.WorkflowGetPayload<{ select: typeof fullSelect }>;

export { listWorkflows } from "./list";

function toListItem(row: ListRow): WorkflowListItem {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    size: { bytes: row.codeBytes, lines: row.codeLines },
    tags: row.tags,
    graph: { dialect: row.dialect, nodes: knownCount(row.nodeCount), edges: knownCount(row.edgeCount) },
  };
}

export { knownCount };

const BOM = "\ufeff";

export function toDetail(row: FullRow): WorkflowDetail {
  return { ...toListItem(row), code: restoreLeadingBom(row.code, row.codeBytes) };
}

/**
 * PGlite decodes text with a TextDecoder that drops a leading byte-order mark (PostgreSQL keeps it).
 * The stored byte count tells when that happened, so the code still comes back byte for byte.
 */
export function restoreLeadingBom(code: string, storedBytes: number): string {
  return code.startsWith(BOM) || Buffer.byteLength(code, "utf8") !== storedBytes - 3 ? code : BOM + code;
}

export const notFound = () => new AppError("NOT_FOUND", "No such workflow.");

export interface WorkflowScope {
  db: Database;
  ownerId: string;
  limitPerOwner: number;
  /** The per-person storage limit over workflows and history (default: the configuration's). */
  storageLimitBytes?: number;
  /** Which earlier versions are kept (default: the configuration's). */
  history?: RetentionPolicy;
  /** The clock the retention rule reads (tests inject one). */
  now?: () => Date;
}

/** A person's scope with the configuration's limits (what every procedure and route runs in). */
export function ownerScope(db: Database, ownerId: string): WorkflowScope {
  const config = getConfig();
  return {
    db,
    ownerId,
    limitPerOwner: config.WORKFLOW_LIMIT_PER_USER,
    storageLimitBytes: config.STORAGE_LIMIT_PER_USER_BYTES,
    history: { maxVersions: config.WORKFLOW_HISTORY_MAX_VERSIONS, fullDays: config.WORKFLOW_HISTORY_FULL_DAYS },
  };
}

/** The scope's limits, falling back to the configuration. */
export function scopeLimits(scope: WorkflowScope): { storageLimitBytes: number; history: RetentionPolicy; now: Date } {
  const config = getConfig();
  return {
    storageLimitBytes: scope.storageLimitBytes ?? config.STORAGE_LIMIT_PER_USER_BYTES,
    history: scope.history ?? { maxVersions: config.WORKFLOW_HISTORY_MAX_VERSIONS, fullDays: config.WORKFLOW_HISTORY_FULL_DAYS },
    now: scope.now?.() ?? new Date(),
  };
}

/**
 * One of the person's live workflows. One statement straight through the driver, as the list's page (issue 13: the
 * get is the API's cheapest read, so Prisma's query pipeline was a large share of its CPU); the answer is built field
 * by field as `toDetail` builds it from Prisma's row (tests/integration/workflows/get-built-answer.test.ts holds the
 * two to the same bytes).
 */
export async function getWorkflow({ db, ownerId }: WorkflowScope, id: string): Promise<WorkflowDetail> {
  const [row] = await db.queryRows<WorkflowItemRow & { code: string }>(Prisma.sql`
    SELECT id, name, version, ${isoTime(Prisma.sql`created_at`)} AS created_at, ${isoTime(Prisma.sql`updated_at`)} AS updated_at,
      code_bytes, code_lines, dialect, node_count, edge_count, tags, code
    FROM workflows
    WHERE id = ${id}::uuid AND owner_id = ${ownerId}::uuid AND deleted_at IS NULL`);
  if (!row) throw notFound();
  return { ...itemOf(row), code: restoreLeadingBom(row.code, row.code_bytes) };
}

export async function createWorkflow(scope: WorkflowScope, name: string, code: string, tags: string[] = []): Promise<WorkflowDetail> {
  return (await insertWorkflow(scope, name, code, tags)).workflow;
}

type Transaction = Parameters<Parameters<Database["prisma"]["$transaction"]>[0]>[0];

/**
 * A live workflow of the person's with exactly this name and code (the content hash of docs/decisions/089: SHA-256
 * of the code's UTF-8 bytes, computed by the database over the rows with that name), or null.
 */
export async function findSameWorkflow(client: Transaction | Database["prisma"], ownerId: string, name: string, code: string): Promise<string | null> {
  const hash = createHash("sha256").update(code, "utf8").digest("hex");
  const rows = await client.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM workflows
    WHERE owner_id = ${ownerId}::uuid AND deleted_at IS NULL AND name = ${name}
      AND encode(sha256(convert_to(code, 'UTF8')), 'hex') = ${hash}
    ORDER BY created_at, id
    LIMIT 1`;
  return rows[0]?.id ?? null;
}

/**
 * Creates a workflow — or, with `unlessSame`, answers the person's live workflow with the same name and code instead
 * (checked under the owner's lock, so two imports of the same archive at once still create it once).
 */
export async function insertWorkflow(
  scope: WorkflowScope,
  name: string,
  code: string,
  tags: string[],
  options: { unlessSame?: boolean } = {},
): Promise<{ workflow: WorkflowDetail; created: boolean }> {
  const { db, ownerId, limitPerOwner } = scope;
  if (options.unlessSame) {
    // Before the visualizer's work: most of a re-imported archive is already there.
    const same = await findSameWorkflow(db.prisma, ownerId, name, code);
    if (same) return { workflow: await getWorkflow(scope, same), created: false };
  }
  const summary = await summariseCode(code);
  const { storageLimitBytes } = scopeLimits(scope);
  return db.prisma.$transaction(async (tx) => {
    // Lock the owner's row so that concurrent creates count one after another and the limits hold exactly.
    await lockOwner(tx, ownerId);
    if (options.unlessSame) {
      const same = await findSameWorkflow(tx, ownerId, name, code);
      if (same) {
        const row = await tx.workflow.findFirstOrThrow({ where: { id: same }, select: fullSelect });
        return { workflow: toDetail(row), created: false };
      }
    }
    const count = await tx.workflow.count({ where: { ownerId, deletedAt: null } });
    if (count >= limitPerOwner) {
      throw new AppError("FORBIDDEN", `You can keep at most ${limitPerOwner} workflows. Delete some to save new ones.`, {
        details: { limit: limitPerOwner },
      });
    }
    await assertVerifiedPast(tx, ownerId, count);
    const row = await tx.workflow.create({ data: { ownerId, name, code, tags, ...summary }, select: fullSelect });
    await checkStorage(tx, ownerId, row.codeBytes, storageLimitBytes);
    return { workflow: toDetail(row), created: true };
  });
}

/**
 * Updates only if the stored version is the one the caller read (the update's own condition, never a read-then-write);
 * a stale version changes nothing and answers CONFLICT with the current version and update time. A change of code
 * keeps the code it replaces in the history, in the same transaction (docs/decisions/075), under the owner's lock so
 * that the storage limit holds (decision 076).
 */
async function updateWorkflow(
  scope: WorkflowScope,
  id: string,
  expectedVersion: number,
  changes: { name?: string; code?: string },
): Promise<WorkflowDetail> {
  const { db, ownerId } = scope;
  const data: Prisma.WorkflowUpdateManyMutationInput = { version: { increment: 1 } };
  if (changes.name !== undefined) data.name = changes.name;
  const code = changes.code;
  if (code !== undefined) Object.assign(data, { code }, await summariseCode(code));
  const limits = scopeLimits(scope);
  return db.prisma.$transaction(async (tx) => {
    let kept: number | null = null;
    if (code !== undefined) {
      await lockOwner(tx, ownerId);
      kept = await keepPreviousVersion(tx, { workflowId: id, ownerId, expectedVersion, newCode: code });
    }
    const updated = await tx.workflow.updateManyAndReturn({
      where: { id, ownerId, version: expectedVersion, deletedAt: null },
      data,
      select: fullSelect,
    });
    const row = updated[0];
    if (!row) {
      const current = await tx.workflow.findFirst({ where: { id, ownerId, deletedAt: null }, select: { version: true, updatedAt: true } });
      if (!current) throw notFound();
      throw new AppError("CONFLICT", "This workflow was changed since you loaded it.", {
        details: { currentVersion: current.version, updatedAt: current.updatedAt.toISOString() },
      });
    }
    if (kept !== null) {
      // The old code moved to the history and the new code took its place: the person's storage grew by the new code.
      const freed = await thinHistory(tx, id, limits.now, limits.history);
      await checkStorage(tx, ownerId, row.codeBytes - freed, limits.storageLimitBytes);
    }
    return toDetail(row);
  });
}

export function saveWorkflow(scope: WorkflowScope, input: SaveWorkflowInput): Promise<WorkflowDetail> {
  if (input.id === undefined) return createWorkflow(scope, input.name, input.code);
  return updateWorkflow(scope, input.id, input.expectedVersion!, { name: input.name, code: input.code });
}

export function changeWorkflow(
  scope: WorkflowScope,
  id: string,
  input: { name?: string; code?: string; expectedVersion: number },
): Promise<WorkflowDetail> {
  return updateWorkflow(scope, id, input.expectedVersion, { name: input.name, code: input.code });
}

/** Renames; with an expected version it is checked like any update, without one the rename always applies. */
export async function renameWorkflow(
  scope: WorkflowScope,
  input: { id: string; name: string; expectedVersion?: number },
): Promise<WorkflowDetail> {
  if (input.expectedVersion !== undefined) return updateWorkflow(scope, input.id, input.expectedVersion, { name: input.name });
  const updated = await scope.db.prisma.workflow.updateManyAndReturn({
    where: { id: input.id, ownerId: scope.ownerId, deletedAt: null },
    data: { name: input.name, version: { increment: 1 } },
    select: fullSelect,
  });
  if (!updated[0]) throw notFound();
  return toDetail(updated[0]);
}

export async function duplicateWorkflow(scope: WorkflowScope, input: { id: string; name?: string }): Promise<WorkflowDetail> {
  const original = await getWorkflow(scope, input.id);
  const name = input.name ?? `Copy of ${original.name}`.slice(0, 100).trimEnd();
  return createWorkflow(scope, name, original.code, original.tags);
}

/** Moves a workflow to the trash (docs/decisions/077); one already there, or not the caller's, is 404. */
export async function deleteWorkflow(scope: WorkflowScope, id: string): Promise<void> {
  const now = scopeLimits(scope).now;
  // Raw, so that the update time stays the last save's (Prisma would stamp @updatedAt).
  const count = await scope.db.prisma.$executeRaw`
    UPDATE workflows SET deleted_at = ${now} WHERE id = ${id}::uuid AND owner_id = ${scope.ownerId}::uuid AND deleted_at IS NULL`;
  if (count === 0) throw notFound();
}
