/**
 * The audit log: security events in the audit_events table and, the same, in the JSON log (docs/security/audit-log.md).
 * Only identifiers and circumstances are recorded: never a password, token or hash.
 */
import type { Prisma } from "../db/generated/client";
import type { Database } from "../db/client";
import type { RequestIdentity } from "../http/request";
import { log } from "../log";

export const AUDIT_EVENT_TYPES = [
  "register",
  "register_refused",
  "login_success",
  "login_failure",
  "logout",
  "logout_everywhere",
  "token_refresh",
  "refresh_token_reuse",
  "rate_limited",
  "password_change",
  "password_change_failure",
  "password_reset_requested",
  "password_reset_sent",
  "password_reset_send_failed",
  "password_reset_used",
  "password_reset_expired",
  "password_reset_refused",
  "register_notice_sent",
  "register_notice_send_failed",
  "email_verification_requested",
  "email_verification_sent",
  "email_verification_send_failed",
  "email_verification_used",
  "email_verification_expired",
  "email_verification_refused",
  "share_link_created",
  "share_link_revoked",
  // Account deletion, data export and the password-changed notice (docs/security/account-deletion.md).
  "account_deleted",
  "account_delete_failure",
  "account_deleted_mail_sent",
  "account_deleted_mail_send_failed",
  "data_export",
  "password_changed_notice_sent",
  "password_changed_notice_send_failed",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Who is asking, as every auth service sees it: the request's identity (src/server/http/request.ts) and the database. */
export interface RequestInfo extends Omit<RequestIdentity, "clientRequestId">, Partial<Pick<RequestIdentity, "clientRequestId">> {
  db: Database;
}

export interface AuditEntry {
  type: AuditEventType;
  userId?: string | null;
  email?: string | null;
  /** A deleted account's pseudonym (decision 102), for events written after its deletion. */
  pseudonym?: string | null;
  /** Small, non-secret facts: the method ("password", "api", "browser"), a limit's name, a session id… */
  details?: Record<string, string | number | boolean | null>;
}

export async function audit(req: RequestInfo, entry: AuditEntry, client: Prisma.TransactionClient = req.db.prisma): Promise<void> {
  const row = {
    type: entry.type,
    userId: entry.userId ?? null,
    email: entry.email ?? null,
    ...(entry.pseudonym ? { pseudonym: entry.pseudonym } : {}),
    clientAddress: req.clientAddress.slice(0, 64),
    userAgent: req.userAgent?.slice(0, 512) ?? null,
    requestId: req.requestId.slice(0, 64),
    ...(entry.details || req.clientRequestId
      ? { details: { ...entry.details, ...(req.clientRequestId ? { clientRequestId: req.clientRequestId.slice(0, 64) } : {}) } }
      : {}),
  };
  log.info({ audit: row }, `audit: ${entry.type}`);
  try {
    await client.auditEvent.create({ data: row });
  } catch (error) {
    // The account was deleted between the event and its row (a log-in failing, a share made, a mail sent just as the
    // deletion committed): the row is written as the deletion leaves the others, under its pseudonym (decision 102).
    // Only outside a transaction: inside one the failed statement has already ended it, and it fails as a whole.
    if (!row.userId || client !== req.db.prisma || !isForeignKeyViolation(error)) throw error;
    const { auditPseudonym } = await import("./audit-pseudonym");
    await client.auditEvent.create({ data: { ...row, userId: null, email: null, pseudonym: await auditPseudonym(row.userId) } });
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const candidate = e as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (candidate.code === "P2003" || candidate.code === "23503" || candidate.originalCode === "23503") return true;
    e = candidate.cause ?? candidate.meta?.driverAdapterError;
  }
  return false;
}

export const auditEventSelect = {
  id: true,
  createdAt: true,
  type: true,
  userId: true,
  email: true,
  clientAddress: true,
  userAgent: true,
  requestId: true,
  details: true,
  pseudonym: true,
} satisfies Prisma.AuditEventSelect;

export function recentAuditEvents(db: Database, options: { since: Date; limit?: number; type?: string; userId?: string }) {
  return db.prisma.auditEvent.findMany({
    where: {
      createdAt: { gte: options.since },
      ...(options.type ? { type: options.type } : {}),
      ...(options.userId ? { userId: options.userId } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: options.limit ?? 1000,
    select: auditEventSelect,
  });
}
