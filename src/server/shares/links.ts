/**
 * Share links, the owner's side (docs/decisions/090): create, list (one workflow's, or all of the person's) and
 * revoke. Every call is scoped to the owner; another person's workflow or link is as unknown (404) as a missing one,
 * and a trashed workflow's links are hidden and answer nothing until it is restored.
 */
import type { Prisma } from "../db/generated/client";
import { getConfig } from "../config";
import { AppError } from "../errors/app-error";
import { audit, type RequestInfo } from "../auth/audit";
import { MAX_SHARES_PER_WORKFLOW, SHARE_EXPIRY_DAYS, type CreateShareInput } from "~/lib/validation/share";
import type { CreatedShareLink, ShareLinkItem } from "~/lib/validation/share-output";
import { getVersion } from "../workflows/history";
import { notFound, scopeLimits, type WorkflowScope } from "../workflows/service";
import { checkStorage, lockOwner } from "../workflows/storage";
import { hashShareToken, newShareToken, sharePath } from "./tokens";

const DAY_MS = 86_400_000;

const linkSelect = {
  id: true,
  workflowId: true,
  createdAt: true,
  expiresAt: true,
  pinnedVersion: true,
  workflow: { select: { name: true } },
} satisfies Prisma.ShareLinkSelect;

type LinkRow = Prisma.ShareLinkGetPayload<{ select: typeof linkSelect }>;

function toItem(row: LinkRow, now: Date): ShareLinkItem {
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowName: row.workflow.name,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    expired: row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime(),
    pinnedVersion: row.pinnedVersion,
  };
}

const noSuchLink = () => new AppError("NOT_FOUND", "No such share link.");

/**
 * Makes a link and answers its token, this once. A pinned link copies the version's code into the link, under the
 * owner's lock and inside the storage limit (it counts toward it), so later saves and the retention rule leave it.
 */
export async function createShare(scope: WorkflowScope, input: CreateShareInput, req?: RequestInfo): Promise<CreatedShareLink> {
  const { db, ownerId } = scope;
  const limits = scopeLimits(scope);
  const now = limits.now;
  const days = SHARE_EXPIRY_DAYS[input.expiresIn];
  const pinned = input.version === "latest" ? null : await getVersion(scope, { id: input.id, version: input.version });
  const pinnedBytes = pinned ? Buffer.byteLength(pinned.code, "utf8") : 0;
  const token = newShareToken();
  const row = await db.prisma.$transaction(async (tx) => {
    await lockOwner(tx, ownerId);
    const workflow = await tx.workflow.findFirst({ where: { id: input.id, ownerId, deletedAt: null }, select: { id: true } });
    if (!workflow) throw notFound();
    const count = await tx.shareLink.count({ where: { workflowId: input.id } });
    if (count >= MAX_SHARES_PER_WORKFLOW) {
      throw new AppError(
        "FORBIDDEN",
        `A workflow can have at most ${MAX_SHARES_PER_WORKFLOW} share links. Revoke some to make a new one.`,
        { details: { limit: MAX_SHARES_PER_WORKFLOW } },
      );
    }
    const created = await tx.shareLink.create({
      data: {
        tokenHash: hashShareToken(token),
        workflowId: input.id,
        ownerId,
        createdAt: now,
        expiresAt: days === null ? null : new Date(now.getTime() + days * DAY_MS),
        ...(pinned
          ? {
              pinnedVersion: pinned.version,
              pinnedName: pinned.name,
              pinnedCode: pinned.code,
              pinnedBytes,
              pinnedSavedAt: new Date(pinned.savedAt),
            }
          : {}),
      },
      select: linkSelect,
    });
    await checkStorage(tx, ownerId, pinnedBytes, limits.storageLimitBytes);
    return created;
  });
  if (req) await audit(req, { type: "share_link_created", userId: ownerId, details: { shareId: row.id, workflowId: row.workflowId } });
  const path = sharePath(token);
  return { link: toItem(row, now), token, path, url: new URL(path, getConfig().APP_URL).toString() };
}

/** One workflow's links, newest first. */
export async function listShares(scope: WorkflowScope, workflowId: string): Promise<{ items: ShareLinkItem[] }> {
  const { db, ownerId } = scope;
  const workflow = await db.prisma.workflow.findFirst({ where: { id: workflowId, ownerId, deletedAt: null }, select: { id: true } });
  if (!workflow) throw notFound();
  const rows = await db.prisma.shareLink.findMany({
    where: { workflowId, ownerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: linkSelect,
  });
  const now = scopeLimits(scope).now;
  return { items: rows.map((row) => toItem(row, now)) };
}

/** All the person's links (of workflows not in the trash), newest first: Settings → Shared links. */
export async function listMyShares(scope: WorkflowScope, input: { limit: number }): Promise<{ items: ShareLinkItem[] }> {
  const rows = await scope.db.prisma.shareLink.findMany({
    where: { ownerId: scope.ownerId, workflow: { deletedAt: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
    select: linkSelect,
  });
  const now = scopeLimits(scope).now;
  return { items: rows.map((row) => toItem(row, now)) };
}

/** Revokes a link: its row is deleted, so the token answers 404 like any wrong token from now on. */
export async function revokeShare(scope: WorkflowScope, shareId: string, req?: RequestInfo): Promise<{ id: string; revoked: true }> {
  const { count } = await scope.db.prisma.shareLink.deleteMany({
    where: { id: shareId, ownerId: scope.ownerId, workflow: { deletedAt: null } },
  });
  if (count === 0) throw noSuchLink();
  if (req) await audit(req, { type: "share_link_revoked", userId: scope.ownerId, details: { shareId } });
  return { id: shareId, revoked: true as const };
}

/** The pruning job's part: deletes links that expired more than `days` days before `now` (the owner saw them expire). */
export async function pruneExpiredShares(db: WorkflowScope["db"], now = Date.now(), days = 30): Promise<number> {
  const { count } = await db.prisma.shareLink.deleteMany({ where: { expiresAt: { lt: new Date(now - days * DAY_MS) } } });
  return count;
}
