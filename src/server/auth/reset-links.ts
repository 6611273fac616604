/**
 * Password-reset links (docs/decisions/096): single-use links (single-use-links.ts) that last 30 minutes; a newer link
 * or a password change ends them.
 */
import type { Prisma } from "../db/generated/client";
import { hashLinkToken, LINK_TOKEN_BYTES, linkTo, newLinkToken } from "./single-use-links";

export const RESET_TOKEN_BYTES = LINK_TOKEN_BYTES;
export const RESET_LINK_MINUTES = 30;

export const newResetToken = newLinkToken;
export const hashResetToken = hashLinkToken;

/** The page a link opens: `<APP_URL>/reset-password?token=…`. */
export function resetLink(appUrl: string, token: string): string {
  return linkTo(appUrl, "/reset-password", token);
}

export type ResetLinkEndReason = "superseded" | "password_changed" | "password_reset";

/** Ends the user's open reset links (a newer one was sent, or the password changed); returns how many. */
export async function endResetLinks(client: Prisma.TransactionClient, userId: string, reason: ResetLinkEndReason): Promise<number> {
  const { count } = await client.passwordResetToken.updateMany({
    where: { userId, usedAt: null, endedAt: null },
    data: { endedAt: new Date(), endedReason: reason },
  });
  return count;
}
