/**
 * The workflow limit before email verification (docs/decisions/099): a person whose email is not verified keeps at
 * most UNVERIFIED_WORKFLOW_LIMIT live workflows. Checked in the creating transaction, under the owner's lock, after
 * the live count — every path that adds a live workflow (save, import, zip import, restore from the trash) goes
 * through it. The person's row is read only when the count has reached the limit.
 */
import { getConfig } from "../config";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors/app-error";

export const UNVERIFIED_REASON = "email_unverified";

export function unverifiedLimitMessage(limit: number): string {
  return limit === 0
    ? "Verify your email to save workflows: open the link we sent you, or ask for a new one."
    : `Verify your email to keep more than ${limit} workflow${limit === 1 ? "" : "s"}: open the link we sent you, or ask for a new one.`;
}

/** Refuses (403, rolling the transaction back) one more live workflow for an unverified person at the limit. */
export async function assertVerifiedPast(tx: Prisma.TransactionClient, ownerId: string, liveCount: number, limit = getConfig().UNVERIFIED_WORKFLOW_LIMIT): Promise<void> {
  if (liveCount < limit) return;
  const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { emailVerifiedAt: true } });
  if (!owner || owner.emailVerifiedAt) return;
  throw new AppError("FORBIDDEN", unverifiedLimitMessage(limit), { details: { reason: UNVERIFIED_REASON, limit } });
}
