/**
 * Workflows: the business rules behind the `workflow` tRPC router and the REST routes.
 * Every read and write is scoped to its owner; another person's id is as unknown as a missing one.
 */
import type { Database } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors/app-error";
import type { SaveWorkflowInput } from "~/lib/validation/workflow";
import type { WorkflowDetail, WorkflowListItem } from "~/lib/validation/workflow-output";
import { summariseCode, UNKNOWN_COUNT } from "./summary";

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
} satisfies Prisma.WorkflowSelect;

const fullSelect = { ...listSelect, code: true } satisfies Prisma.WorkflowSelect;

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
    graph: { dialect: row.dialect, nodes: knownCount(row.nodeCount), edges: knownCount(row.edgeCount) },
  };
}

const knownCount = (count: number): number | null => (count === UNKNOWN_COUNT ? null : count);

const BOM = "\ufeff";

function toDetail(row: FullRow): WorkflowDetail {
  return { ...toListItem(row), code: restoreLeadingBom(row.code, row.codeBytes) };
}

/**
 * PGlite decodes text with a TextDecoder that drops a leading byte-order mark (PostgreSQL keeps it).
 * The stored byte count tells when that happened, so the code still comes back byte for byte.
 */
function restoreLeadingBom(code: string, storedBytes: number): string {
  return code.startsWith(BOM) || Buffer.byteLength(code, "utf8") !== storedBytes - 3 ? code : BOM + code;
}

const notFound = () => new AppError("NOT_FOUND", "No such workflow.");

export interface WorkflowScope {
  db: Database;
  ownerId: string;
  limitPerOwner: number;
}

export async function getWorkflow({ db, ownerId }: WorkflowScope, id: string): Promise<WorkflowDetail> {
  const row = await db.prisma.workflow.findFirst({ where: { id, ownerId }, select: fullSelect });
  if (!row) throw notFound();
  return toDetail(row);
}

async function createWorkflow(scope: WorkflowScope, name: string, code: string): Promise<WorkflowDetail> {
  const { db, ownerId, limitPerOwner } = scope;
  const summary = await summariseCode(code);
  return db.prisma.$transaction(async (tx) => {
    // Lock the owner's row so that concurrent creates count one after another and the limit holds exactly.
    const owner = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${ownerId}::uuid FOR UPDATE`;
    if (owner.length === 0) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
    const count = await tx.workflow.count({ where: { ownerId } });
    if (count >= limitPerOwner) {
      throw new AppError("FORBIDDEN", `You can keep at most ${limitPerOwner} workflows. Delete some to save new ones.`, {
        details: { limit: limitPerOwner },
      });
    }
    const row = await tx.workflow.create({ data: { ownerId, name, code, ...summary }, select: fullSelect });
    return toDetail(row);
  });
}

/**
 * Updates only if the stored version is the one the caller read, in one statement (no read-then-write);
 * a stale version changes nothing and answers CONFLICT with the current version and update time.
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
  if (changes.code !== undefined) Object.assign(data, { code: changes.code }, await summariseCode(changes.code));
  const updated = await db.prisma.workflow.updateManyAndReturn({
    where: { id, ownerId, version: expectedVersion },
    data,
    select: fullSelect,
  });
  const row = updated[0];
  if (row) return toDetail(row);
  const current = await db.prisma.workflow.findFirst({ where: { id, ownerId }, select: { version: true, updatedAt: true } });
  if (!current) throw notFound();
  throw new AppError("CONFLICT", "This workflow was changed since you loaded it.", {
    details: { currentVersion: current.version, updatedAt: current.updatedAt.toISOString() },
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
    where: { id: input.id, ownerId: scope.ownerId },
    data: { name: input.name, version: { increment: 1 } },
    select: fullSelect,
  });
  if (!updated[0]) throw notFound();
  return toDetail(updated[0]);
}

export async function duplicateWorkflow(scope: WorkflowScope, input: { id: string; name?: string }): Promise<WorkflowDetail> {
  const original = await getWorkflow(scope, input.id);
  const name = input.name ?? `Copy of ${original.name}`.slice(0, 100).trimEnd();
  return createWorkflow(scope, name, original.code);
}

export async function deleteWorkflow({ db, ownerId }: WorkflowScope, id: string): Promise<void> {
  const { count } = await db.prisma.workflow.deleteMany({ where: { id, ownerId } });
  if (count === 0) throw notFound();
}
