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
  /** Small, non-secret facts: the method ("password", "api", "browser"), a limit's name, a session id… */
  details?: Record<string, string | number | boolean | null>;
}

export async function audit(req: RequestInfo, entry: AuditEntry, client: Prisma.TransactionClient = req.db.prisma): Promise<void> {
  const row = {
    type: entry.type,
    userId: entry.userId ?? null,
    email: entry.email ?? null,
    clientAddress: req.clientAddress.slice(0, 64),
    userAgent: req.userAgent?.slice(0, 512) ?? null,
    requestId: req.requestId.slice(0, 64),
    ...(entry.details || req.clientRequestId
      ? { details: { ...entry.details, ...(req.clientRequestId ? { clientRequestId: req.clientRequestId.slice(0, 64) } : {}) } }
      : {}),
  };
  log.info({ audit: row }, `audit: ${entry.type}`);
  await client.auditEvent.create({ data: row });
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
