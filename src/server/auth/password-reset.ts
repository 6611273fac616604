/**
 * Password reset (docs/decisions/096, docs/security/password-reset.md): "Forgot password?" mails a single-use link;
 * the link's page sets a new password under the registration policy, ends every session and refresh-token family of
 * the account and every other reset link, then mails a "your password was changed" notice. The request answers the
 * same whether or not the account exists.
 */
import type { PublicUser } from "~/lib/validation/auth-output";
import { getConfig } from "../config";
import { AppError } from "../errors/app-error";
import { assertMailConfigured, sendInBackground } from "../mail/mailer";
import { passwordResetMessage } from "../mail/messages";
import { audit, type RequestInfo } from "./audit";
import { refuseIfLimited } from "./password-attempts";
import { sendPasswordChangedNotice } from "./password-notice";
import { getPasswordPolicy, hashPassword } from "./passwords";
import { consume, consumeEach, LIMITS, reset, subjectKey } from "./rate-limit";
import { endResetLinks, hashResetToken, newResetToken, RESET_LINK_MINUTES, resetLink } from "./reset-links";
import { revokeUserSessions } from "./sessions";
import { linkRefusal } from "./single-use-links";
import { assertNewPasswordAllowed } from "./users";

export const FORGOT_PASSWORD_MESSAGE = `If an account uses this email, we have sent it a link to choose a new password. The link expires in ${RESET_LINK_MINUTES} minutes.`;
export const LINK_NOT_VALID = "This reset link is not valid: it was already used, or a newer one was sent. Ask for a new link.";
export const LINK_EXPIRED = "This reset link has expired. Ask for a new link.";

/** `POST /api/auth/password/forgot`, `auth.forgotPassword`: mails a reset link when the account exists. */
export async function requestPasswordReset(req: RequestInfo, input: { email: string }): Promise<{ message: string }> {
  assertMailConfigured();
  const { email } = input;
  await refuseIfLimited(
    req,
    () =>
      consumeEach(req.db, [
        [LIMITS.resetRequestPerAddress, subjectKey(req.clientAddress)],
        [LIMITS.resetRequestPerEmail, subjectKey(email)],
      ]),
    email,
  );
  const user = await req.db.prisma.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) {
    await audit(req, { type: "password_reset_requested", email, details: { account: false } });
    return { message: FORGOT_PASSWORD_MESSAGE };
  }
  const token = newResetToken();
  const link = await req.db.prisma.$transaction(async (tx) => {
    const superseded = await endResetLinks(tx, user.id, "superseded");
    const created = await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000) },
      select: { id: true },
    });
    await audit(req, { type: "password_reset_requested", userId: user.id, email, details: { account: true, linkId: created.id, superseded } }, tx);
    return created;
  });
  const message = passwordResetMessage({ to: user.email, link: resetLink(getConfig().APP_URL, token), minutes: RESET_LINK_MINUTES });
  sendInBackground(message, ({ ok }) =>
    audit(req, { type: ok ? "password_reset_sent" : "password_reset_send_failed", userId: user.id, details: { linkId: link.id } }),
  );
  return { message: FORGOT_PASSWORD_MESSAGE };
}

async function refuse(req: RequestInfo, reason: string, userId: string | null, message: string, expired = false): Promise<never> {
  await audit(req, { type: expired ? "password_reset_expired" : "password_reset_refused", userId, details: { reason } });
  throw new AppError("BAD_REQUEST", message, { fields: { token: [message] } });
}

/**
 * `POST /api/auth/password/reset`, `auth.resetPassword`: a new password with a link's token. Ends every session and
 * refresh-token family and every other reset link of the account; answers the account, whose person then logs in.
 */
export async function resetPassword(req: RequestInfo, input: { token: string; password: string }): Promise<{ user: PublicUser }> {
  await refuseIfLimited(req, () => consume(req.db, LIMITS.resetAttemptPerAddress, subjectKey(req.clientAddress)));
  const row = await req.db.prisma.passwordResetToken.findUnique({
    where: { tokenHash: hashResetToken(input.token) },
    select: { id: true, expiresAt: true, usedAt: true, endedReason: true, user: { select: { id: true, email: true } } },
  });
  const refusal = linkRefusal(row);
  if (!row || refusal) return refuse(req, refusal ?? "unknown", row?.user.id ?? null, refusal === "expired" ? LINK_EXPIRED : LINK_NOT_VALID, refusal === "expired");
  const { user } = row;
  const policy = await getPasswordPolicy();
  await assertNewPasswordAllowed(input.password, user.email, "password", policy);
  const passwordHash = await hashPassword(input.password, policy);
  const now = new Date();
  const ended = await req.db.prisma.$transaction(async (tx) => {
    // Claims the link in the same statement that checks it, so two uses at once cannot both succeed.
    const { count } = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null, endedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) return null;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endResetLinks(tx, user.id, "password_reset");
    const sessions = await revokeUserSessions(tx, user.id, "password_reset");
    await audit(req, { type: "password_reset_used", userId: user.id, details: { linkId: row.id, endedSessions: sessions } }, tx);
    return sessions;
  });
  if (ended === null) return refuse(req, "used", user.id, LINK_NOT_VALID);
  // Earlier wrong guesses from this address no longer stand between the person and their new password.
  await reset(req.db, LIMITS.loginPerAddressAndEmail, subjectKey(req.clientAddress, user.email));
  sendPasswordChangedNotice(req, user, "reset");
  return { user };
}
