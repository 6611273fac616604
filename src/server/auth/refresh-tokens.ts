/**
 * Refresh tokens: opaque 256-bit random values, stored only as SHA-256 hashes, valid REFRESH_TOKEN_TTL (30 days) but
 * never past their session's absolute end, rotated on every use. A session unused for SESSION_IDLE_TIMEOUT refuses
 * its refresh token (decision 040). Presenting a token that was already rotated is reuse: the whole family (its
 * session) is revoked and audited.
 */
import type { TokenPair } from "~/lib/validation/auth-output";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors/app-error";
import { audit, type RequestInfo } from "./audit";
import { getKeyring } from "./keys";
import { rateLimited } from "./errors";
import { consume, LIMITS, RateLimitExceeded, subjectKey } from "./rate-limit";
import { revokeSession } from "./sessions";
import { getAuthSettings } from "./settings";
import { signAccessToken } from "./tokens";

export type { TokenPair } from "~/lib/validation/auth-output";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function issueRefreshToken(
  client: Prisma.TransactionClient,
  input: { familyId: string; userId: string; ttlSeconds: number },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await client.refreshToken.create({
    data: {
      tokenHash: hashRefreshToken(token),
      familyId: input.familyId,
      userId: input.userId,
      expiresAt: new Date(Date.now() + input.ttlSeconds * 1000),
    },
  });
  return token;
}

/** A fresh access token and refresh token for a session; the refresh token ends with the session at the latest. */
export async function issueTokenPair(
  client: Prisma.TransactionClient,
  session: { id: string; userId: string; expiresAt: Date },
): Promise<TokenPair> {
  const settings = await getAuthSettings();
  const untilSessionEnd = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
  const refreshToken = await issueRefreshToken(client, {
    familyId: session.id,
    userId: session.userId,
    ttlSeconds: Math.max(1, Math.min(settings.refreshTokenTtl, untilSessionEnd)),
  });
  const access = await signAccessToken({ userId: session.userId, sessionId: session.id }, await getKeyring(), {
    ttlSeconds: settings.accessTokenTtl,
  });
  return { accessToken: access.token, tokenType: "Bearer", expiresIn: access.expiresIn, refreshToken };
}

const invalidRefresh = () => new AppError("UNAUTHORIZED", "The refresh token is not valid. Log in again.");

/** Exchanges a refresh token for a new pair; reuse of a rotated token revokes its family. */
export async function rotateRefreshToken(req: RequestInfo, token: string): Promise<TokenPair> {
  try {
    await consume(req.db, LIMITS.refreshPerAddress, subjectKey(req.clientAddress));
  } catch (error) {
    if (error instanceof RateLimitExceeded) {
      await audit(req, { type: "rate_limited", details: { limit: error.limit } });
      throw rateLimited(error.retryAfterSeconds);
    }
    throw error;
  }
  if (!TOKEN_PATTERN.test(token)) throw invalidRefresh();
  const tokenHash = hashRefreshToken(token);
  const db = req.db;
  const found = await db.prisma.refreshToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      userId: true,
      familyId: true,
      expiresAt: true,
      rotatedAt: true,
      revokedAt: true,
      session: { select: { revokedAt: true, expiresAt: true, lastSeenAt: true, kind: true } },
    },
  });
  if (!found) throw invalidRefresh();
  if (found.rotatedAt) {
    await reuseDetected(req, found);
    throw invalidRefresh();
  }
  const now = Date.now();
  const { sessionIdleTimeout } = await getAuthSettings();
  if (
    found.revokedAt ||
    found.session.revokedAt ||
    found.expiresAt.getTime() <= now ||
    found.session.expiresAt.getTime() <= now ||
    found.session.lastSeenAt.getTime() <= now - sessionIdleTimeout * 1000
  ) {
    throw invalidRefresh();
  }
  const pair = await db.prisma.$transaction(async (tx) => {
    // Only one caller can rotate a token: a concurrent second use finds it rotated and is treated as reuse.
    const { count } = await tx.refreshToken.updateMany({
      where: { id: found.id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: new Date() },
    });
    if (count !== 1) return null;
    await tx.authSession.update({ where: { id: found.familyId }, data: { lastSeenAt: new Date(now) } });
    return issueTokenPair(tx, { id: found.familyId, userId: found.userId, expiresAt: found.session.expiresAt });
  });
  if (!pair) {
    await reuseDetected(req, found);
    throw invalidRefresh();
  }
  await audit(req, { type: "token_refresh", userId: found.userId, details: { sessionId: found.familyId } });
  return pair;
}

async function reuseDetected(req: RequestInfo, token: { id: string; userId: string; familyId: string }) {
  await req.db.prisma.$transaction(async (tx) => {
    const revoked = await revokeSession(tx, token.familyId, "refresh_token_reuse");
    await audit(
      req,
      { type: "refresh_token_reuse", userId: token.userId, details: { sessionId: token.familyId, familyRevoked: revoked > 0 } },
      tx,
    );
  });
}

/** Revokes the session (family) of a refresh token. Unknown or dead tokens are accepted silently (RFC 7009). */
export async function revokeRefreshToken(req: RequestInfo, token: string): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return;
  const found = await req.db.prisma.refreshToken.findUnique({
    where: { tokenHash: hashRefreshToken(token) },
    select: { userId: true, familyId: true, rotatedAt: true, revokedAt: true },
  });
  if (!found || found.revokedAt) return;
  if (found.rotatedAt) {
    await reuseDetected(req, { id: "", userId: found.userId, familyId: found.familyId });
    return;
  }
  await req.db.prisma.$transaction(async (tx) => {
    const revoked = await revokeSession(tx, found.familyId, "logout");
    if (revoked > 0) await audit(req, { type: "logout", userId: found.userId, details: { sessionId: found.familyId, method: "api" } }, tx);
  });
}
