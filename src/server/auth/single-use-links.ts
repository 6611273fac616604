/**
 * Single-use links mailed to a person (password reset, docs/decisions/096; email verification, decision 100): a token
 * of 256 random bits (base64url, 43 characters) that appears only in the mail; only its SHA-256 is stored. What a
 * link does, how long it lives and what ends it belong to each flow; the token, its hash and the URL are shared here.
 */
import { createHash, randomBytes } from "node:crypto";

export const LINK_TOKEN_BYTES = 32;

export function newLinkToken(): string {
  return randomBytes(LINK_TOKEN_BYTES).toString("base64url");
}

/** Lower-case hex SHA-256 of the token as given (any text: a malformed token simply matches nothing). */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The page a link opens: `<APP_URL><path>?token=…`. */
export function linkTo(appUrl: string, path: string, token: string): string {
  const url = new URL(path, appUrl);
  url.searchParams.set("token", token);
  return url.toString();
}

/** Why a stored link cannot be used: unknown, used, ended (with its reason) or expired; null when it still works. */
export function linkRefusal(
  row: { expiresAt: Date; usedAt: Date | null; endedReason: string | null } | null,
  now = Date.now(),
): "unknown" | "used" | "expired" | (string & {}) | null {
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  if (row.endedReason) return row.endedReason;
  if (row.expiresAt.getTime() <= now) return "expired";
  return null;
}
