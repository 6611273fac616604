/**
 * Share-link tokens (docs/decisions/090): 256 random bits from the platform's CSPRNG, base64url (43 characters),
 * handed to the owner once; only their SHA-256 is stored, so the table alone opens no link.
 */
import { createHash, randomBytes } from "node:crypto";

export const SHARE_TOKEN_BYTES = 32;

export function newShareToken(): string {
  return randomBytes(SHARE_TOKEN_BYTES).toString("base64url");
}

/** Lower-case hex SHA-256 of the token as given (any text: a malformed token simply matches nothing). */
export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const sharePath = (token: string) => `/s/${token}`;
