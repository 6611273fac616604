/**
 * Accounts: password log-in (with rate limits, a dummy hash for unknown emails, and re-hashing on a
 * policy change), password change and log-out everywhere. Shared by the REST routes, tRPC and next-auth.
 */
import type { Prisma } from "../db/generated/client";
import { changePasswordInput, newPassword, type LoginInput } from "~/lib/validation/auth";
import type { PublicUser } from "~/lib/validation/auth-output";
import { newPasswordProblem } from "~/lib/validation/common-passwords";
import { AppError } from "../errors/app-error";
import { zodFieldErrors } from "../errors/classify";
import type { SessionUser } from "../http/request";
import { audit, type RequestInfo } from "./audit";
import { invalidCredentials } from "./errors";
import { limitedPasswordCheck } from "./password-attempts";
import { sendPasswordChangedNotice } from "./password-notice";
import { dummyHash, getPasswordPolicy, hashPassword, needsRehash, verifyPassword } from "./passwords";
import { issueTokenPair, type TokenPair } from "./refresh-tokens";
import { endResetLinks } from "./reset-links";
import { createSession, revokeUserSessions, type SessionKind } from "./sessions";

export const publicUserSelect = { id: true, email: true } satisfies Prisma.UserSelect;

export type { PublicUser } from "~/lib/validation/auth-output";

/**
 * The new-password policy beyond the schema's length rules, for registration and password change alike: with bcrypt
 * at most 72 bytes; not only whitespace, not the email, not a common password (decision 039). A refusal is a 400
 * in the one shape, with the reason under the password's field.
 */
export async function assertNewPasswordAllowed(password: string, email: string, field: string, policy: { algorithm: string }) {
  const problems: string[] = [];
  if (policy.algorithm === "bcrypt") {
    const checked = newPassword({ bcrypt: true }).safeParse(password);
    if (!checked.success) problems.push(...checked.error.issues.map((issue) => issue.message));
  }
  const problem = await newPasswordProblem(password, { email });
  if (problem) problems.push(problem);
  if (problems.length > 0) throw new AppError("BAD_REQUEST", "Choose another password.", { fields: { [field]: problems } });
}

/**
 * Checks an email and password. Unknown email and wrong password fail alike (same error, a real hash
 * verification either way). The attempt is counted before the check (limitedPasswordCheck, decision 038).
 */
export async function verifyCredentials(req: RequestInfo, input: LoginInput, method: string): Promise<PublicUser> {
  const policy = await getPasswordPolicy();
  const { matches, user } = await limitedPasswordCheck(req, input.email, async () => {
    const found = await req.db.prisma.user.findUnique({
      where: { email: input.email },
      select: { id: true, email: true, passwordHash: true },
    });
    const verified = await verifyPassword(found?.passwordHash ?? (await dummyHash(policy)), input.password);
    return { matches: verified && found !== null, user: found };
  });
  if (!user || !matches) {
    await audit(req, {
      type: "login_failure",
      userId: user?.id ?? null,
      email: input.email,
      details: { method, reason: user ? "wrong_password" : "unknown_email" },
    });
    throw invalidCredentials();
  }
  if (needsRehash(user.passwordHash, policy)) {
    const passwordHash = await hashPassword(input.password, policy);
    // Only replace the hash that was verified, in case the password changed meanwhile.
    await req.db.prisma.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
  }
  return { id: user.id, email: user.email };
}

/** Log-in with a password that opens a session: a browser session (next-auth) or an API token family. */
export async function logIn(
  req: RequestInfo,
  input: LoginInput,
  kind: SessionKind,
): Promise<{ user: PublicUser; sessionId: string; sessionExpires: Date }> {
  const user = await verifyCredentials(req, input, kind === "api" ? "api_token" : "browser");
  const session = await req.db.prisma.$transaction(async (tx) => {
    const created = await createSession(tx, req, { userId: user.id, kind });
    await audit(req, { type: "login_success", userId: user.id, email: user.email, details: { method: kind, sessionId: created.id } }, tx);
    return created;
  });
  return { user, sessionId: session.id, sessionExpires: session.expiresAt };
}

/** `POST /api/auth/token`: a password log-in for an API client. */
export async function logInForTokens(req: RequestInfo, input: LoginInput): Promise<TokenPair> {
  const { user, sessionId, sessionExpires } = await logIn(req, input, "api");
  return issueTokenPair(req.db.prisma, { id: sessionId, userId: user.id, expiresAt: sessionExpires });
}

/** Changes the password (the current one must be given), ends every other session and mails a notice. */
export async function changePassword(
  req: RequestInfo,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  const parsed = changePasswordInput.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "The request is not valid.", { fields: zodFieldErrors(parsed.error) });
  const policy = await getPasswordPolicy();
  await assertNewPasswordAllowed(input.newPassword, user.email, "newPassword", policy);
  const { matches } = await limitedPasswordCheck(req, user.email, async () => {
    const row = await req.db.prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    return { matches: row !== null && (await verifyPassword(row.passwordHash, input.currentPassword)) };
  });
  if (!matches) {
    await audit(req, { type: "password_change_failure", userId: user.id, details: { reason: "wrong_current_password" } });
    throw new AppError("BAD_REQUEST", "The current password is not right.", {
      fields: { currentPassword: ["The current password is not right."] },
    });
  }
  const passwordHash = await hashPassword(input.newPassword, policy);
  const ended = await req.db.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const count = await revokeUserSessions(tx, user.id, "password_changed", user.sessionId ? { except: user.sessionId } : {});
    await endResetLinks(tx, user.id, "password_changed");
    await audit(req, { type: "password_change", userId: user.id, details: { endedSessions: count } }, tx);
    return count;
  });
  sendPasswordChangedNotice(req, user, "changed");
  return { endedSessions: ended };
}

/** Ends every session of the user, this one included, and revokes their refresh tokens. */
export async function logOutEverywhere(req: RequestInfo, user: SessionUser): Promise<{ endedSessions: number }> {
  const ended = await req.db.prisma.$transaction(async (tx) => {
    const count = await revokeUserSessions(tx, user.id, "logout_everywhere");
    await audit(req, { type: "logout_everywhere", userId: user.id, details: { endedSessions: count } }, tx);
    return count;
  });
  return { endedSessions: ended };
}

export async function findPublicUser(req: Pick<RequestInfo, "db">, userId: string): Promise<PublicUser | null> {
  return req.db.prisma.user.findUnique({ where: { id: userId }, select: publicUserSelect });
}
