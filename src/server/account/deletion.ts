/**
 * Deleting an account (docs/decisions/103, docs/security/account-deletion.md). The password is asked again, counted
 * like every password check (decision 038). Then one transaction, under the lock of the user's row (the lock every
 * save and share takes first, so a save at the same moment either commits before and is deleted with the rest, or
 * finds no account and changes nothing): every session is ended and dropped from this process's session-check cache,
 * the audit rows about the person get the pseudonym in place of the id and email (decision 102), and the user row is
 * deleted — the database cascades to workflows, versions, share links, sessions, refresh tokens and reset links.
 * Once committed, a confirmation is mailed in the background; a failed send is audited and undoes nothing.
 */
import { deleteAccountInput, type DeleteAccountInput } from "~/lib/validation/account";
import { getConfig } from "../config";
import { AppError } from "../errors/app-error";
import { zodFieldErrors } from "../errors/classify";
import type { SessionUser } from "../http/request";
import { mailMode, sendInBackground } from "../mail/mailer";
import { accountDeletedMessage } from "../mail/messages";
import { audit, type RequestInfo } from "../auth/audit";
import { auditPseudonym, pseudonymiseAuditRows } from "../auth/audit-pseudonym";
import { limitedPasswordCheck } from "../auth/password-attempts";
import { verifyPassword } from "../auth/passwords";
import { forgetChecks, revokeUserSessions } from "../auth/sessions";

export const WRONG_PASSWORD = "The password is not right.";

export async function deleteAccount(req: RequestInfo, user: SessionUser, input: DeleteAccountInput): Promise<{ deleted: true }> {
  const parsed = deleteAccountInput.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "The request is not valid.", { fields: zodFieldErrors(parsed.error) });
  const { matches } = await limitedPasswordCheck(req, user.email, async () => {
    const row = await req.db.prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    return { matches: row !== null && (await verifyPassword(row.passwordHash, parsed.data.password)) };
  });
  if (!matches) {
    await audit(req, { type: "account_delete_failure", userId: user.id, details: { reason: "wrong_password" } });
    throw new AppError("BAD_REQUEST", WRONG_PASSWORD, { fields: { password: [WRONG_PASSWORD] } });
  }
  const pseudonym = await auditPseudonym(user.id);
  const deleted = await req.db.prisma.$transaction(async (tx) => {
    const [account] = await tx.$queryRaw<{ id: string; email: string }[]>`SELECT id, email FROM users WHERE id = ${user.id}::uuid FOR UPDATE`;
    if (!account) return null; // deleted by a request that went first
    const [workflows, versions, shareLinks] = await Promise.all([
      tx.workflow.count({ where: { ownerId: account.id } }),
      tx.workflowVersion.count({ where: { ownerId: account.id } }),
      tx.shareLink.count({ where: { ownerId: account.id } }),
    ]);
    const sessionIds = (await tx.authSession.findMany({ where: { userId: account.id }, select: { id: true } })).map((s) => s.id);
    const endedSessions = await revokeUserSessions(tx, account.id, "account_deleted");
    await pseudonymiseAuditRows(tx, account, pseudonym);
    await audit(req, { type: "account_deleted", pseudonym, details: { workflows, versions, shareLinks, endedSessions } }, tx);
    await tx.user.delete({ where: { id: account.id } });
    return { email: account.email, sessionIds };
  });
  if (!deleted) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
  // Again once committed: a check that ran while the transaction did must not be reused now.
  forgetChecks(deleted.sessionIds);
  mailConfirmation(req, deleted.email, pseudonym);
  return { deleted: true };
}

function mailConfirmation(req: RequestInfo, email: string, pseudonym: string): void {
  const config = getConfig();
  if (mailMode(config) === "off") return;
  const message = accountDeletedMessage({ to: email, at: new Date(), appLink: new URL("/", config.APP_URL).toString() });
  sendInBackground(message, ({ ok }) =>
    audit(req, { type: ok ? "account_deleted_mail_sent" : "account_deleted_mail_send_failed", pseudonym }),
  );
}
