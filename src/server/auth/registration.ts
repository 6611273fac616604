/**
 * Registration without enumeration (docs/decisions/099, docs/security/email-verification.md): every registration that
 * passes the password policy and the rate limit answers the same message. A new address gets an unverified account
 * and a verification link; a taken one gets a mail saying someone tried to sign up with it. Both paths do the same
 * hashing work and the same database round trips, and mail is sent after the answer.
 */
import type { RegisterInput } from "~/lib/validation/auth";
import { getConfig } from "../config";
import { mailMode, sendInBackground } from "../mail/mailer";
import { registrationAttemptMessage } from "../mail/messages";
import { audit, type RequestInfo } from "./audit";
import { refuseIfLimited } from "./password-attempts";
import { getPasswordPolicy, hashPassword } from "./passwords";
import { consume, LIMITS, RateLimitExceeded, subjectKey } from "./rate-limit";
import { assertNewPasswordAllowed } from "./users";
import { newVerificationLink } from "./verification-links";

export const REGISTER_MESSAGE = "Check your email to finish signing up";

/** The audit events of each mail's outcome. */
const SENT = {
  verification: { sent: "email_verification_sent", failed: "email_verification_send_failed" },
  notice: { sent: "register_notice_sent", failed: "register_notice_send_failed" },
} as const;

/** Whether another registration mail may go to this email this hour (never a refusal: that would tell). */
async function mayMail(req: RequestInfo, email: string): Promise<boolean> {
  try {
    await consume(req.db, LIMITS.registerMailPerEmail, subjectKey(email));
    return true;
  } catch (error) {
    if (!(error instanceof RateLimitExceeded)) throw error;
    await audit(req, { type: "rate_limited", email, details: { limit: error.limit, silent: true } });
    return false;
  }
}

/** `POST /api/auth/register`, `auth.register`: 202 `{message}` whether or not the email is taken. */
export async function registerUser(req: RequestInfo, input: RegisterInput): Promise<{ message: string }> {
  const policy = await getPasswordPolicy();
  // Before the limit: a refused password costs no registration attempt (and no hashing). It reads only the input.
  await assertNewPasswordAllowed(input.password, input.email, "password", policy);
  await refuseIfLimited(req, () => consume(req.db, LIMITS.registerPerAddress, subjectKey(req.clientAddress)), input.email);
  // Hashed on both paths, so the time taken does not tell whether the email is taken.
  const passwordHash = await hashPassword(input.password, policy);
  // With mail off (production without SMTP_URL) there is no way to verify: accounts start verified (decision 099).
  const mailOff = mailMode(getConfig()) === "off";
  const mail = !mailOff && (await mayMail(req, input.email));
  const appUrl = getConfig().APP_URL;
  // One transaction of nearly the same statements on both paths (decision 099): the insert is `ON CONFLICT DO NOTHING`,
  // so a taken email makes no failed transaction; it reads its owner and writes one audit row where a new account
  // writes its link and two.
  const { message, outcome } = await req.db.prisma.$transaction(async (tx) => {
    const [user] = await tx.user.createManyAndReturn({
      data: [{ email: input.email, passwordHash, emailVerifiedAt: mailOff ? new Date() : null }],
      skipDuplicates: true,
      select: { id: true, email: true },
    });
    if (user) {
      const link = await newVerificationLink(tx, user, { newAccount: true });
      await audit(req, { type: "register", userId: user.id, email: user.email }, tx);
      await audit(req, { type: "email_verification_requested", userId: user.id, email: user.email, details: { linkId: link.linkId, via: "register" } }, tx);
      return { message: link.message, outcome: { ...SENT.verification, userId: user.id, details: { linkId: link.linkId } as Record<string, string> } };
    }
    const owner = await tx.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true, emailVerifiedAt: true } });
    await audit(req, { type: "register_refused", userId: owner.id, email: input.email, details: { reason: "email_taken", verified: owner.emailVerifiedAt !== null } }, tx);
    const notice = registrationAttemptMessage({
      to: input.email,
      logInLink: new URL("/login", appUrl).toString(),
      resetLink: new URL("/forgot-password", appUrl).toString(),
    });
    return { message: notice, outcome: { ...SENT.notice, userId: owner.id, details: {} as Record<string, string> } };
  });
  if (mail) {
    sendInBackground(message, ({ ok }) => audit(req, { type: ok ? outcome.sent : outcome.failed, userId: outcome.userId, details: outcome.details }));
  }
  return { message: REGISTER_MESSAGE };
}
