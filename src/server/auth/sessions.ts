/**
 * Sessions: one row per signed-in browser or API client. A session is also its refresh tokens' family.
 * Revoking a session ends it at once for every request (authenticateRequest checks the row), and its
 * refresh tokens stop working.
 *
 * Lifetimes (decision 040): a session ends SESSION_MAX_AGE after log-in (`expires_at`, never pushed back) or when
 * unused for SESSION_IDLE_TIMEOUT (`last_seen_at`, noted at most once a minute per session), whichever comes first;
 * then the person logs in again.
 */
import type { Prisma } from "../db/generated/client";
import type { Database } from "../db/client";
import type { SessionUser } from "../http/request";
import type { RequestInfo } from "./audit";
import { getAuthSettings } from "./settings";

export type SessionKind = "browser" | "api";
export type RevokeReason =
  | "logout"
  | "logout_everywhere"
  | "password_changed"
  | "password_reset"
  | "refresh_token_reuse"
  | "account_deleted";

/** How often `last_seen_at` is written for a session in use (at most), in milliseconds. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The where-clause of a session that is live at `now`: not revoked, within its lifetime, used recently enough. */
export function liveSessionWhere(now: Date, idleTimeoutSeconds: number) {
  return {
    revokedAt: null,
    expiresAt: { gt: now },
    lastSeenAt: { gt: new Date(now.getTime() - idleTimeoutSeconds * 1000) },
  } satisfies Prisma.AuthSessionWhereInput;
}

/** When a session ends if it stays unused from now on: the earlier of its absolute end and its idle end. */
export function sessionEndsAt(session: { expiresAt: Date; lastSeenAt: Date }, idleTimeoutSeconds: number): Date {
  const idleEnd = session.lastSeenAt.getTime() + idleTimeoutSeconds * 1000;
  return new Date(Math.min(session.expiresAt.getTime(), idleEnd));
}

export async function createSession(
  client: Prisma.TransactionClient,
  req: RequestInfo,
  input: { userId: string; kind: SessionKind },
): Promise<{ id: string; expiresAt: Date }> {
  const { sessionMaxAge } = await getAuthSettings();
  const now = new Date();
  return client.authSession.create({
    data: {
      userId: input.userId,
      kind: input.kind,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + sessionMaxAge * 1000),
      clientAddress: req.clientAddress.slice(0, 64),
      userAgent: req.userAgent?.slice(0, 512) ?? null,
    },
    select: { id: true, expiresAt: true },
  });
}

/**
 * The user of a live session, or null. Every authenticated request runs this: one statement (the user with an
 * EXISTS on its live session), plus, at most once a minute per session, the note that it was used.
 */
export async function activeSessionUser(db: Database, sessionId: string, userId: string): Promise<SessionUser | null> {
  if (!isUuid(sessionId) || !isUuid(userId)) return null;
  const { sessionIdleTimeout } = await getAuthSettings();
  const now = new Date();
  const user = await db.prisma.user.findFirst({
    where: { id: userId, sessions: { some: { id: sessionId, ...liveSessionWhere(now, sessionIdleTimeout) } } },
    select: { id: true, email: true },
  });
  if (!user) return null;
  await noteUse(db, sessionId, now);
  return { id: user.id, email: user.email, sessionId };
}

/** How long a live session's check is reused by this process (at most), in milliseconds. */
export const SESSION_CHECK_TTL_MS = 2_000;

interface SessionChecks {
  /** Live sessions checked lately, by database and session id, with when (Date.now()) they were checked. */
  live: WeakMap<object, Map<string, { user: SessionUser; at: number }>>;
  /** Sessions this process ended lately: never served from, nor put in, the cache for a TTL after. */
  ended: Map<string, number>;
}

const globalForChecks = globalThis as unknown as { __workflowStudioSessionChecks?: SessionChecks };
const checks = (globalForChecks.__workflowStudioSessionChecks ??= { live: new WeakMap(), ended: new Map() });

/**
 * `activeSessionUser` for the API's requests, the answer for a live session reused for at most
 * `SESSION_CHECK_TTL_MS` (decision 061). Ending a session in this process (log-out, log-out everywhere, a password
 * change, refresh-token reuse) drops it from the cache at once; another instance's cache lets it live at most the TTL.
 */
export async function checkedSessionUser(db: Database, sessionId: string, userId: string): Promise<SessionUser | null> {
  const now = Date.now();
  const ended = checks.ended.get(sessionId);
  const bypass = ended !== undefined && now - ended < SESSION_CHECK_TTL_MS && now >= ended;
  let cache = checks.live.get(db.prisma);
  if (!cache) checks.live.set(db.prisma, (cache = new Map()));
  const hit = bypass ? undefined : cache.get(sessionId);
  if (hit && hit.user.id === userId && now - hit.at < SESSION_CHECK_TTL_MS && now >= hit.at) return hit.user;
  const user = await activeSessionUser(db, sessionId, userId);
  if (!user || bypass) {
    cache.delete(sessionId);
    return user;
  }
  if (cache.size >= 10_000) cache.clear();
  cache.set(sessionId, { user, at: now });
  return user;
}

/**
 * Drops sessions from this process's check cache, and keeps them out of it for a TTL (they were just ended). Account
 * deletion calls it again once its transaction has committed, so no check made while it ran is reused after.
 */
export function forgetChecks(sessionIds: string[]): void {
  const now = Date.now();
  if (checks.ended.size >= 10_000) checks.ended.clear();
  for (const id of sessionIds) checks.ended.set(id, now);
  for (const [id, at] of checks.ended) if (now - at >= SESSION_CHECK_TTL_MS || now < at) checks.ended.delete(id);
}

const globalForUse = globalThis as unknown as { __workflowStudioSessionUse?: Map<string, number> };

/** Moves `last_seen_at` to now when it is more than a minute old; this process skips sessions it noted lately. */
export async function noteUse(db: Pick<Database, "prisma">, sessionId: string, now = new Date()): Promise<void> {
  const noted = (globalForUse.__workflowStudioSessionUse ??= new Map());
  const last = noted.get(sessionId);
  if (last !== undefined && now.getTime() - last < LAST_USED_RESOLUTION_MS && now.getTime() >= last) return;
  if (noted.size >= 10_000) noted.clear();
  noted.set(sessionId, now.getTime());
  await db.prisma.authSession.updateMany({
    where: { id: sessionId, revokedAt: null, lastSeenAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } },
    data: { lastSeenAt: now },
  });
}

/** Forgets what this process noted (a test that moves the clock back). */
export function forgetNotedUse(): void {
  globalForUse.__workflowStudioSessionUse?.clear();
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
  forgetChecks(ids);
  await client.authSession.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now, revokedReason: reason } });
  await client.refreshToken.updateMany({ where: { familyId: { in: ids }, revokedAt: null }, data: { revokedAt: now } });
  return ids.length;
}

export function revokeSession(client: Prisma.TransactionClient, sessionId: string, reason: RevokeReason) {
  if (!isUuid(sessionId)) return Promise.resolve(0);
  return revokeWhere(client, { id: sessionId }, reason);
}

/** Ends one session of this user; 0 when it is not theirs, unknown or already ended. */
export function revokeOwnSession(client: Prisma.TransactionClient, userId: string, sessionId: string, reason: RevokeReason) {
  if (!isUuid(sessionId)) return Promise.resolve(0);
  return revokeWhere(client, { id: sessionId, userId }, reason);
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
