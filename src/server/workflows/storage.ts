/**
 * A person's storage: the bytes of the code of all their workflows (trashed ones too), of every earlier version
 * kept in their history and of the versions pinned by their share links (decision 090), against a per-person limit (docs/decisions/076). Checked inside the saving transaction,
 * under the lock on the owner's row, so concurrent saves cannot pass the limit together.
 */
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors/app-error";

type Client = Prisma.TransactionClient;

export interface StorageUsage {
  usedBytes: number;
  limitBytes: number;
}

export async function storageUsed(client: Client, ownerId: string): Promise<number> {
  const rows = await client.$queryRaw<{ used: number }[]>`
    SELECT ((SELECT COALESCE(SUM(code_bytes), 0) FROM workflows WHERE owner_id = ${ownerId}::uuid)
          + (SELECT COALESCE(SUM(code_bytes), 0) FROM workflow_versions WHERE owner_id = ${ownerId}::uuid)
          + (SELECT COALESCE(SUM(pinned_bytes), 0) FROM share_links WHERE owner_id = ${ownerId}::uuid))::float8 AS used`;
  return Number(rows[0]?.used ?? 0);
}

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / MB).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;

/**
 * Refuses (413, rolling the transaction back) a change that grew the person's storage past the limit; a change that
 * shrinks it, or leaves it as it was, always passes, so a person over a lowered limit can still tidy up.
 */
export async function checkStorage(client: Client, ownerId: string, grewBy: number, limitBytes: number): Promise<void> {
  if (grewBy <= 0) return;
  const after = await storageUsed(client, ownerId);
  if (after <= limitBytes) return;
  const usedBytes = after - grewBy;
  throw new AppError(
    "PAYLOAD_TOO_LARGE",
    `Your storage is full: your workflows and their history use ${megabytes(usedBytes)} of ${megabytes(limitBytes)}, ` +
      "and this would go past it. Delete workflows you no longer need, or empty the trash.",
    { details: { usedBytes, limitBytes, neededBytes: grewBy } },
  );
}

/** Takes the lock on the owner's row that orders a person's writes; unknown owner → 401. */
export async function lockOwner(client: Client, ownerId: string): Promise<void> {
  const owner = await client.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${ownerId}::uuid FOR UPDATE`;
  if (owner.length === 0) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
}
