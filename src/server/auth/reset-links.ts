/**
 * Password-reset links (docs/decisions/096): a token of 256 random bits (base64url, 43 characters) mailed once; only
 * its SHA-256 is stored. A link lasts 30 minutes and works once; a newer link or a password change ends it.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "../db/generated/client";

export const RESET_TOKEN_BYTES = 32;
export const RESET_LINK_MINUTES = 30;

export function newResetToken(): string {
  return randomBytes(RESET_TOKEN_BYTES).toString("base64url");
}

/** Lower-case hex SHA-256 of the token as given (any text: a malformed token simply matches nothing). */
export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The page a link opens: `<APP_URL>/reset-password?token=…`. */
export function resetLink(appUrl: string, token: string): string {
  const url = new URL("/reset-password", appUrl);
  url.searchParams.set("token", token);
  return url.toString();
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
