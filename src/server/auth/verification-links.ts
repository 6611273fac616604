/**
 * Email-verification links (docs/decisions/100): single-use links (single-use-links.ts) to `/verify-email?token=…`
 * that last 24 hours; a newer link or the verification itself ends the others. Each names the address it was mailed to.
 */
import type { Prisma } from "../db/generated/client";
import { getConfig } from "../config";
import type { MailMessage } from "../mail/mailer";
import { emailVerificationMessage } from "../mail/messages";
import { hashLinkToken, linkTo, newLinkToken } from "./single-use-links";

export const VERIFY_LINK_HOURS = 24;

export type VerificationLinkEndReason = "superseded" | "verified";

/** Ends the user's open verification links; returns how many. */
export async function endVerificationLinks(client: Prisma.TransactionClient, userId: string, reason: VerificationLinkEndReason): Promise<number> {
  const { count } = await client.emailVerificationToken.updateMany({
    where: { userId, usedAt: null, endedAt: null },
    data: { endedAt: new Date(), endedReason: reason },
  });
  return count;
}

/**
 * Makes a new link for the user's email (ending their older ones) inside the caller's transaction, and answers the
 * stored row's id and the mail that carries the token — the only place the token ever is.
 */
export async function newVerificationLink(
  tx: Prisma.TransactionClient,
  user: { id: string; email: string },
  options: { newAccount?: boolean } = {},
): Promise<{ linkId: string; superseded: number; message: MailMessage }> {
  const token = newLinkToken();
  // An account made in this transaction has no links to end.
  const superseded = options.newAccount ? 0 : await endVerificationLinks(tx, user.id, "superseded");
  const row = await tx.emailVerificationToken.create({
    data: { userId: user.id, email: user.email, tokenHash: hashLinkToken(token), expiresAt: new Date(Date.now() + VERIFY_LINK_HOURS * 3_600_000) },
    select: { id: true },
  });
  const link = linkTo(getConfig().APP_URL, "/verify-email", token);
  return { linkId: row.id, superseded, message: emailVerificationMessage({ to: user.email, link, hours: VERIFY_LINK_HOURS }) };
}
