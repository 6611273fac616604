/**
 * The person's own sessions, for Settings → Sessions: the live ones (decision 040's rules), newest use first, each
 * with its device (from the user agent), address, log-in time and last use; and "log out this session".
 */
import type { SessionSummary } from "~/lib/validation/auth-output";
import type { Database } from "../db/client";
import type { SessionUser } from "../http/request";
import { AppError } from "../errors/app-error";
import { audit, type RequestInfo } from "./audit";
import { liveSessionWhere, revokeOwnSession, sessionEndsAt } from "./sessions";
import { getAuthSettings } from "./settings";
import { describeUserAgent } from "./user-agent";

export type { SessionSummary } from "~/lib/validation/auth-output";

/** At most this many sessions are listed (the most recently used). */
export const SESSION_LIST_LIMIT = 50;

export async function listSessions(db: Database, user: SessionUser): Promise<SessionSummary[]> {
  const { sessionIdleTimeout } = await getAuthSettings();
  const rows = await db.prisma.authSession.findMany({
    where: { userId: user.id, ...liveSessionWhere(new Date(), sessionIdleTimeout) },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: SESSION_LIST_LIMIT,
    select: { id: true, kind: true, userAgent: true, clientAddress: true, createdAt: true, lastSeenAt: true, expiresAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind === "api" ? "api" : "browser",
    device: describeUserAgent(row.userAgent),
    clientAddress: row.clientAddress,
    createdAt: row.createdAt,
    lastUsedAt: row.lastSeenAt,
    endsAt: sessionEndsAt(row, sessionIdleTimeout),
    current: row.id === user.sessionId,
  }));
}

/** Ends one of the person's sessions (this one too, if named); another person's or an unknown id is NOT_FOUND. */
export async function endSession(req: RequestInfo, user: SessionUser, sessionId: string): Promise<{ current: boolean }> {
  const ended = await req.db.prisma.$transaction(async (tx) => {
    const count = await revokeOwnSession(tx, user.id, sessionId, "logout");
    if (count > 0) await audit(req, { type: "logout", userId: user.id, details: { sessionId, method: "session_list" } }, tx);
    return count;
  });
  if (ended === 0) throw new AppError("NOT_FOUND", "No such session: it has ended already or is not yours.");
  return { current: sessionId === user.sessionId };
}
