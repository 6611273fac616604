/**
 * Sessions: one row per signed-in browser or API client. A session is also its refresh tokens' family.
 * Revoking a session ends it at once for every request (authenticateRequest checks the row), and its
 * refresh tokens stop working.
 */
import type { Prisma } from "../db/generated/client";
import type { Database } from "../db/client";
import type { SessionUser } from "../api/context";
import type { RequestInfo } from "./audit";

export type SessionKind = "browser" | "api";
export type RevokeReason = "logout" | "logout_everywhere" | "password_changed" | "refresh_token_reuse";

/** Browser sessions and refresh-token families live at most this long without renewal. */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;

export async function createSession(
  client: Prisma.TransactionClient,
  req: RequestInfo,
  input: { userId: string; kind: SessionKind; ttlSeconds?: number },
) {
  return client.authSession.create({
    data: {
      userId: input.userId,
      kind: input.kind,
      expiresAt: new Date(Date.now() + (input.ttlSeconds ?? SESSION_TTL_SECONDS) * 1000),
      clientAddress: req.clientAddress.slice(0, 64),
      userAgent: req.userAgent?.slice(0, 512) ?? null,
    },
    select: { id: true },
  });
}

/** The user of a live session (not revoked, not expired), or null. */
export async function activeSessionUser(db: Database, sessionId: string, userId: string): Promise<SessionUser | null> {
  if (!isUuid(sessionId) || !isUuid(userId)) return null;
  // Every authenticated request runs this: one statement, the user with an EXISTS on its live session.
  const user = await db.prisma.user.findFirst({
    where: { id: userId, sessions: { some: { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() } } } },
    select: { id: true, email: true },
  });
  return user ? { id: user.id, email: user.email, sessionId } : null;
}

/** Renews a live browser session (sliding expiry); false when it has ended. */
export async function renewSession(db: Database, sessionId: string, userId: string): Promise<boolean> {
  if (!isUuid(sessionId) || !isUuid(userId)) return false;
  const now = new Date();
  const { count } = await db.prisma.authSession.updateMany({
    where: { id: sessionId, userId, revokedAt: null, expiresAt: { gt: now } },
    data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000) },
  });
  return count === 1;
}

/** Ends sessions (and their refresh tokens). `where` picks them; returns how many were live. */
async function revokeWhere(
  client: Prisma.TransactionClient,
  where: Prisma.AuthSessionWhereInput,
  reason: RevokeReason,
): Promise<number> {
  const now = new Date();
  const live = await client.authSession.findMany({ where: { ...where, revokedAt: null }, select: { id: true } });
  if (live.length === 0) return 0;
  const ids = live.map((session) => session.id);
  await client.authSession.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now, revokedReason: reason } });
  await client.refreshToken.updateMany({ where: { familyId: { in: ids }, revokedAt: null }, data: { revokedAt: now } });
  return ids.length;
}

export function revokeSession(client: Prisma.TransactionClient, sessionId: string, reason: RevokeReason) {
  if (!isUuid(sessionId)) return Promise.resolve(0);
  return revokeWhere(client, { id: sessionId }, reason);
}

export function revokeUserSessions(
  client: Prisma.TransactionClient,
  userId: string,
  reason: RevokeReason,
  options: { except?: string } = {},
) {
  return revokeWhere(client, { userId, ...(options.except ? { id: { not: options.except } } : {}) }, reason);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
