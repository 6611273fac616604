/**
 * Email verification (docs/decisions/099, 100; docs/security/email-verification.md): a link mailed at registration
 * (and again on "Resend") marks the account's email as verified. Until then the person can log in and use the
 * editor, but keeps at most UNVERIFIED_WORKFLOW_LIMIT workflows (src/server/workflows/unverified-limit.ts).
 */
import type { PublicUser } from "~/lib/validation/auth-output";
import { AppError } from "../errors/app-error";
import type { SessionUser } from "../http/request";
import { assertMailConfigured, sendInBackground } from "../mail/mailer";
import { audit, type RequestInfo } from "./audit";
import { refuseIfLimited } from "./password-attempts";
import { consume, consumeEach, LIMITS, subjectKey } from "./rate-limit";
import { hashLinkToken, linkRefusal } from "./single-use-links";
import { endVerificationLinks, newVerificationLink, VERIFY_LINK_HOURS } from "./verification-links";

export const VERIFY_LINK_NOT_VALID = "This verification link is not valid: it was already used, or a newer one was sent. Log in to ask for a new link.";
export const VERIFY_LINK_EXPIRED = "This verification link has expired. Log in to ask for a new link.";
export const RESEND_MESSAGE = `We have sent you a new verification link. It expires in ${VERIFY_LINK_HOURS} hours.`;
export const ALREADY_VERIFIED = "Your email is already verified.";

/** Whether the user's email is verified. */
export async function isEmailVerified(req: Pick<RequestInfo, "db">, userId: string): Promise<boolean> {
  const row = await req.db.prisma.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return row?.emailVerifiedAt != null;
}

async function refuse(req: RequestInfo, reason: string, userId: string | null): Promise<never> {
  const expired = reason === "expired";
  await audit(req, { type: expired ? "email_verification_expired" : "email_verification_refused", userId, details: { reason } });
  const message = expired ? VERIFY_LINK_EXPIRED : VERIFY_LINK_NOT_VALID;
  throw new AppError("BAD_REQUEST", message, { fields: { token: [message] } });
}

/**
 * `POST /api/auth/email/verify {token}`, `auth.verifyEmail`: uses a link. Unknown, used and ended links are refused
 * alike, an expired one says so; a link mailed to an address the account no longer has verifies nothing.
 */
export async function verifyEmail(req: RequestInfo, input: { token: string }): Promise<{ user: PublicUser }> {
  await refuseIfLimited(req, () => consume(req.db, LIMITS.verifyAttemptPerAddress, subjectKey(req.clientAddress)));
  const row = await req.db.prisma.emailVerificationToken.findUnique({
    where: { tokenHash: hashLinkToken(input.token) },
    select: { id: true, email: true, expiresAt: true, usedAt: true, endedReason: true, user: { select: { id: true, email: true } } },
  });
  const refusal = linkRefusal(row) ?? (row && row.email !== row.user.email ? "email_changed" : null);
  if (!row || refusal) return refuse(req, refusal ?? "unknown", row?.user.id ?? null);
  const now = new Date();
  const claimed = await req.db.prisma.$transaction(async (tx) => {
    // Claims the link in the same statement that checks it, so two uses at once cannot both succeed.
    const { count } = await tx.emailVerificationToken.updateMany({
      where: { id: row.id, usedAt: null, endedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) return false;
    await tx.user.updateMany({ where: { id: row.user.id, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    await endVerificationLinks(tx, row.user.id, "verified");
    await audit(req, { type: "email_verification_used", userId: row.user.id, details: { linkId: row.id } }, tx);
    return true;
  });
  if (!claimed) return refuse(req, "used", row.user.id);
  return { user: row.user };
}

/**
 * `POST /api/auth/email/resend`, `auth.resendVerification` (signed in): a new link, ending the older ones; 3 an hour
 * per account and 10 per address. 409 when the email is verified already.
 */
export async function resendVerification(req: RequestInfo, user: SessionUser): Promise<{ message: string }> {
  assertMailConfigured();
  if (await isEmailVerified(req, user.id)) throw new AppError("CONFLICT", ALREADY_VERIFIED);
  await refuseIfLimited(
    req,
    () =>
      consumeEach(req.db, [
        [LIMITS.verifyResendPerAddress, subjectKey(req.clientAddress)],
        [LIMITS.verifyResendPerAccount, subjectKey(user.id)],
      ]),
    user.email,
  );
  const link = await req.db.prisma.$transaction(async (tx) => {
    const made = await newVerificationLink(tx, user);
    await audit(
      req,
      { type: "email_verification_requested", userId: user.id, email: user.email, details: { linkId: made.linkId, via: "resend", superseded: made.superseded } },
      tx,
    );
    return made;
  });
  sendInBackground(link.message, ({ ok }) =>
    audit(req, { type: ok ? "email_verification_sent" : "email_verification_send_failed", userId: user.id, details: { linkId: link.linkId } }),
  );
  return { message: RESEND_MESSAGE };
}
