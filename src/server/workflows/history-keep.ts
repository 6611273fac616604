/**
 * The write side of version history: a save that replaces the code keeps the state it replaces as a version row,
 * inside the save's own transaction, and thins the workflow's history by the retention rule (docs/decisions/075).
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import { type RetentionPolicy, versionsToPrune } from "./retention";

type Client = Prisma.TransactionClient;

/**
 * Copies the workflow's current state into its history if it is still at `expectedVersion` and its code differs from
 * `newCode` (a rename alone is not a version). Copied by the database, so the code stays byte for byte.
 * Returns the bytes kept, or null when nothing was kept.
 */
export async function keepPreviousVersion(
  client: Client,
  target: { workflowId: string; ownerId: string; expectedVersion: number; newCode: string },
): Promise<number | null> {
  const kept = await client.$queryRaw<{ code_bytes: number }[]>`
    INSERT INTO workflow_versions
      (id, workflow_id, owner_id, version, name, code, code_bytes, code_lines, dialect, node_count, edge_count, saved_at)
    SELECT ${randomUUID()}::uuid, id, owner_id, version, name, code, code_bytes, code_lines, dialect, node_count, edge_count, updated_at
    FROM workflows
    WHERE id = ${target.workflowId}::uuid AND owner_id = ${target.ownerId}::uuid
      AND version = ${target.expectedVersion} AND deleted_at IS NULL AND code <> ${target.newCode}
    RETURNING code_bytes`;
  return kept[0] ? Number(kept[0].code_bytes) : null;
}

/** Deletes the versions of one workflow the retention rule no longer keeps; returns the bytes freed. */
export async function thinHistory(client: Client, workflowId: string, now: Date, policy: RetentionPolicy): Promise<number> {
  const versions = await client.workflowVersion.findMany({
    where: { workflowId },
    select: { id: true, version: true, savedAt: true, codeBytes: true },
  });
  const prune = new Set(versionsToPrune(versions, now, policy));
  if (prune.size === 0) return 0;
  await client.workflowVersion.deleteMany({ where: { id: { in: [...prune] } } });
  return versions.filter((version) => prune.has(version.id)).reduce((sum, version) => sum + version.codeBytes, 0);
}
