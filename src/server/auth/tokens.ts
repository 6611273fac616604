/**
 * Access tokens: JWTs signed with the keyring's access-token signer — HS256 (AUTH_SECRET), or EdDSA / ES256
 * (AUTH_SIGNING_KEY, docs/decisions/093) — with a `kid` header, and the claims `sub`, `sid` (the session), `iat`,
 * `exp`, `jti`, `iss`, `aud`. Verification picks the key by `kid` and accepts only that key's algorithm, our issuer
 * and audience, and at most 30 s of clock skew; anything else is refused.
 *
 * Session cookies (next-auth's JWT) are encrypted JWTs (`dir` + A256GCM) with the same keyring and a `kid`,
 * so one key rotation covers both.
 */
import { randomUUID } from "node:crypto";
import { EncryptJWT, errors, jwtDecrypt, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { Keyring } from "./keys";

export const ISSUER = "workflow-studio";
export const ACCESS_AUDIENCE = "workflow-studio:api";
export const SESSION_AUDIENCE = "workflow-studio:session";
export const CLOCK_TOLERANCE_SECONDS = 30;
export const DEFAULT_ACCESS_TTL_SECONDS = 15 * 60;

export interface AccessClaims {
  userId: string;
  sessionId: string;
  jti: string;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * WebCrypto keys, imported once per raw key (jose would import a `Uint8Array` again on every sign and verify:
 * 5–10 % of a request's CPU in issue 13's profile). Access-token keys are imported once by their keyring entry
 * (./signing-keys.ts).
 */
const importedKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

function sessionKeyOf(key: { sessionKey: Uint8Array }): Promise<CryptoKey> {
  let imported = importedKeys.get(key.sessionKey);
  if (!imported) {
    const bytes = new Uint8Array(key.sessionKey); // a copy on its own ArrayBuffer, as WebCrypto's types ask
    imported = crypto.subtle.importKey("raw", bytes, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
    importedKeys.set(key.sessionKey, imported);
  }
  return imported;
}

export async function signAccessToken(
  subject: { userId: string; sessionId: string },
  keyring: Keyring,
  options: { ttlSeconds?: number; now?: number } = {},
): Promise<{ token: string; expiresIn: number; jti: string }> {
  const ttl = options.ttlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS;
  const iat = seconds(options.now ?? Date.now());
  const jti = randomUUID();
  const signer = keyring.accessSigner;
  const token = await new SignJWT({ sid: subject.sessionId })
    .setProtectedHeader({ alg: signer.alg, typ: "JWT", kid: signer.kid })
    .setSubject(subject.userId)
    .setIssuer(ISSUER)
    .setAudience(ACCESS_AUDIENCE)
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(await signer.signKey());
  return { token, expiresIn: ttl, jti };
}

/**
 * Access tokens this process has verified, per keyring (a rotation installs a new keyring, so its verdicts start
 * afresh), each until its own end (`exp` + the clock skew jose allows): the same bytes verify the same way until then
 * (decision 106). Only successes are kept; the session behind a token is checked on every request as before.
 */
const verifiedTokens = new WeakMap<Keyring, Map<string, { claims: AccessClaims; verifiedAtMs: number; usableUntilMs: number }>>();
const MAX_VERIFIED_TOKENS = 10_000;

function verifiedToken(token: string, keyring: Keyring, now: number): AccessClaims | null {
  const entry = verifiedTokens.get(keyring)?.get(token);
  if (!entry) return null;
  // A clock moved back since the verification verifies again (jose's time checks would see another moment).
  if (now >= entry.verifiedAtMs && now < entry.usableUntilMs) return entry.claims;
  verifiedTokens.get(keyring)!.delete(token);
  return null;
}

function rememberVerified(token: string, keyring: Keyring, claims: AccessClaims, exp: number, now: number): void {
  let verified = verifiedTokens.get(keyring);
  if (!verified) verifiedTokens.set(keyring, (verified = new Map()));
  if (verified.size >= MAX_VERIFIED_TOKENS) verified.clear();
  verified.set(token, { claims, verifiedAtMs: now, usableUntilMs: (exp + CLOCK_TOLERANCE_SECONDS) * 1000 });
}

/**
 * The claims of a valid access token, or null for anything else (never throws for a bad token). A token verified
 * before under the same keyring and not yet past its end is answered from memory (decision 106); `options.now`
 * (another clock) always verifies.
 */
export async function verifyAccessToken(
  token: string,
  keyring: Keyring,
  options: { now?: number } = {},
): Promise<AccessClaims | null> {
  if (token.length > 4096) return null;
  const now = Date.now();
  if (options.now === undefined) {
    const known = verifiedToken(token, keyring, now);
    if (known) return known;
  }
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keyring.accessKeyByKid(header.kid);
        // The key decides the algorithm, never the token: another `alg` under a known kid is refused.
        if (!key || header.alg !== key.alg) throw new errors.JWKSNoMatchingKey();
        return key.verifyKey();
      },
      {
        algorithms: keyring.accessAlgorithms,
        issuer: ISSUER,
        audience: ACCESS_AUDIENCE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["sub", "iat", "exp", "jti", "sid"],
        ...(options.now !== undefined ? { currentDate: new Date(options.now) } : {}),
      },
    );
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string" || typeof payload.jti !== "string") return null;
    const claims: AccessClaims = Object.freeze({ userId: payload.sub, sessionId: payload.sid, jti: payload.jti });
    if (options.now === undefined && typeof payload.exp === "number") rememberVerified(token, keyring, claims, payload.exp, now);
    return claims;
  } catch {
    return null;
  }
}

export interface SessionCookieClaims extends JWTPayload {
  sub: string;
  /** The session row (auth_sessions.id). */
  sid: string;
  email: string;
  /** The session's absolute end (ms since the epoch); the row is checked on every use regardless. */
  sessionExpires?: number;
}

export async function encryptSessionCookie(
  claims: Record<string, unknown>,
  keyring: Keyring,
  maxAgeSeconds: number,
  now = Date.now(),
): Promise<string> {
  const iat = seconds(now);
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: keyring.current.kid })
    .setIssuer(ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + maxAgeSeconds)
    .setJti(randomUUID())
    .encrypt(await sessionKeyOf(keyring.current));
}

export async function decryptSessionCookie(token: string, keyring: Keyring): Promise<SessionCookieClaims | null> {
  if (token.length > 8192) return null;
  try {
    const { payload } = await jwtDecrypt(
      token,
      (header) => {
        const key = keyring.byKid(header.kid);
        if (!key) throw new errors.JWKSNoMatchingKey();
        return sessionKeyOf(key);
      },
      {
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256GCM"],
        issuer: ISSUER,
        audience: SESSION_AUDIENCE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      },
    );
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
    return payload as SessionCookieClaims;
  } catch {
    return null;
  }
}
