/**
 * The pseudonym that replaces a deleted account's id (and email) in the audit log (docs/decisions/102): `del_` and
 * 26 base64url characters (156 bits) of HMAC-SHA256(user id), keyed by a key derived from AUTH_SECRET. The same
 * account always gets the same pseudonym under the same secret, so its rows still read together, and events written
 * after the deletion (the confirmation mail's outcome) carry it too; nobody without the secret can tell whose it was,
 * and an operator holding the secret can answer "were these rows this (former) id's?" by computing it again.
 */
import { createHmac } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import { getKeyring } from "./keys";

export const PSEUDONYM_PATTERN = /^del_[A-Za-z0-9_-]{26}$/;

export async function auditPseudonym(userId: string): Promise<string> {
  const { current } = await getKeyring();
  return `del_${createHmac("sha256", current.auditPseudonymKey).update(`user:${userId}`).digest("base64url").slice(0, 26)}`;
}

/**
 * Rewrites the audit rows about an account: those naming its id, and those naming only its email (failed log-ins,
 * refused registrations, rate limits). Each keeps its time, type, circumstances and details, and gets the pseudonym
 * in place of the id and the email. Returns how many rows it rewrote.
 */
export async function pseudonymiseAuditRows(
  tx: Prisma.TransactionClient,
  account: { id: string; email: string },
  pseudonym: string,
): Promise<number> {
  const { count } = await tx.auditEvent.updateMany({
    where: { OR: [{ userId: account.id }, { email: account.email }] },
    data: { userId: null, email: null, pseudonym },
  });
  return count;
}
