/**
 * The trash (docs/decisions/077): deleting moves a workflow here; it can be restored or deleted for good, and it is
 * purged by the server's pruning job once it has been here `TRASH_RETENTION_DAYS` days. A trashed workflow is 404 to
 * everything else, still counts toward the storage limit, and not toward the workflow count.
 */
import { z } from "zod";
import type { Database } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors/app-error";
import type { ListTrashInput } from "~/lib/validation/trash";
import { getConfig } from "../config";
import type { TrashedWorkflow } from "~/lib/validation/history-output";
import { knownCount, notFound, type WorkflowScope } from "./service";
import { lockOwner } from "./storage";
import { assertVerifiedPast } from "./unverified-limit";

const DAY_MS = 86_400_000;

const trashSelect = {
  id: true,
  name: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
  codeBytes: true,
  codeLines: true,
  dialect: true,
  nodeCount: true,
  edgeCount: true,
  tags: true,
} satisfies Prisma.WorkflowSelect;

const cursorSchema = z.tuple([z.literal("t"), z.iso.datetime(), z.uuid()]);

function decodeCursor(text: string): [string, string] {
  try {
    const [, deletedAt, id] = cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return [deletedAt, id];
  } catch {
    throw new AppError("BAD_REQUEST", "The cursor is not valid for this list.", { fields: { cursor: ["Not a valid cursor."] } });
  }
}

const retentionDays = () => getConfig().TRASH_RETENTION_DAYS;

/** The caller's trashed workflows, most recently deleted first. */
export async function listTrash(
  scope: WorkflowScope,
  input: ListTrashInput,
): Promise<{ items: TrashedWorkflow[]; nextCursor: string | null; retentionDays: number }> {
  const where: Prisma.WorkflowWhereInput = { ownerId: scope.ownerId, deletedAt: { not: null } };
  if (input.cursor) {
    const [deletedAt, id] = decodeCursor(input.cursor);
    where.OR = [{ deletedAt: { lt: new Date(deletedAt) } }, { deletedAt: new Date(deletedAt), id: { lt: id } }];
  }
  const rows = await scope.db.prisma.workflow.findMany({
    where,
    orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: trashSelect,
  });
  const days = retentionDays();
  const page = rows.slice(0, input.limit);
  const items = page.map((row) => ({
    id: row.id,
    name: row.name,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt!.toISOString(),
    purgeAt: new Date(row.deletedAt!.getTime() + days * DAY_MS).toISOString(),
    size: { bytes: row.codeBytes, lines: row.codeLines },
    tags: row.tags,
    graph: { dialect: row.dialect, nodes: knownCount(row.nodeCount), edges: knownCount(row.edgeCount) },
  }));
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last ? Buffer.from(JSON.stringify(["t", last.deletedAt, last.id])).toString("base64url") : null;
  return { items, nextCursor, retentionDays: days };
}

/** Takes a workflow out of the trash, as it was; it counts toward the workflow limit again. */
export async function restoreFromTrash(scope: WorkflowScope, id: string): Promise<{ id: string; restored: true }> {
  const { db, ownerId, limitPerOwner } = scope;
  return db.prisma.$transaction(async (tx) => {
    await lockOwner(tx, ownerId);
    const trashed = await tx.workflow.findFirst({ where: { id, ownerId, deletedAt: { not: null } }, select: { id: true } });
    if (!trashed) throw notFound();
    const count = await tx.workflow.count({ where: { ownerId, deletedAt: null } });
    if (count >= limitPerOwner) {
      throw new AppError("FORBIDDEN", `You can keep at most ${limitPerOwner} workflows. Delete some to restore this one.`, {
        details: { limit: limitPerOwner },
      });
    }
    await assertVerifiedPast(tx, ownerId, count);
    // Raw, so that the update time stays the last save's.
    await tx.$executeRaw`UPDATE workflows SET deleted_at = NULL WHERE id = ${id}::uuid AND owner_id = ${ownerId}::uuid`;
    return { id, restored: true as const };
  });
}

/** Deletes a trashed workflow and its history for good; a workflow not in the trash is 404. */
export async function deleteForever(scope: WorkflowScope, id: string): Promise<{ id: string; deleted: true }> {
  const { count } = await scope.db.prisma.workflow.deleteMany({ where: { id, ownerId: scope.ownerId, deletedAt: { not: null } } });
  if (count === 0) throw notFound();
  return { id, deleted: true as const };
}

/** The pruning job's part: deletes, with their history, workflows trashed more than `days` days before `now`. */
export async function purgeTrash(db: Database, now = Date.now(), days = retentionDays()): Promise<number> {
  const { count } = await db.prisma.workflow.deleteMany({ where: { deletedAt: { lt: new Date(now - days * DAY_MS) } } });
  return count;
}
