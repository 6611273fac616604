/** Points 5 and 6: what an access token must be, and key rotation, checked through GET /api/me over HTTP. */
import { randomBytes } from "node:crypto";
import { SignJWT, decodeJwt, decodeProtectedHeader, base64url } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Keyring, setKeyring } from "../../../src/server/auth/keys";
import { ACCESS_AUDIENCE, ISSUER, signAccessToken, verifyAccessToken } from "../../../src/server/auth/tokens";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { register, tokens } from "../../helpers/auth";

setupTestDatabase();
const baseUrl = setupTestServer();

const secretA = randomBytes(48).toString("base64url");
const secretB = randomBytes(48).toString("base64url");
let subject: { userId: string; sessionId: string };

async function meStatus(token: string) {
  return (await fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;
}

beforeAll(async () => {
  setKeyring(new Keyring({ current: secretA }));
  await register(baseUrl(), "grace@example.com");
  const pair = await tokens(baseUrl(), "grace@example.com");
  const claims = decodeJwt(pair.accessToken);
  subject = { userId: claims.sub!, sessionId: claims.sid as string };
});
afterAll(() => setKeyring(undefined));

describe("access tokens", () => {
  it("are HS256 JWTs with kid, sub, sid, iat, exp (15 minutes), jti, iss and aud", async () => {
    const pair = await tokens(baseUrl(), "grace@example.com");
    const header = decodeProtectedHeader(pair.accessToken);
    const claims = decodeJwt(pair.accessToken);
    expect(header).toEqual({ alg: "HS256", typ: "JWT", kid: expect.any(String) });
    expect(claims).toEqual({
      sub: subject.userId,
      sid: expect.any(String),
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.any(String),
      iss: ISSUER,
      aud: ACCESS_AUDIENCE,
    });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(await meStatus(pair.accessToken)).toBe(200);
  });

  it("refuses alg none", async () => {
    const good = (await signAccessToken(subject, new Keyring({ current: secretA }))).token;
    const [, payload] = good.split(".");
    const header = base64url.encode(JSON.stringify({ alg: "none", typ: "JWT", kid: new Keyring({ current: secretA }).current.kid }));
    expect(await meStatus(`${header}.${payload}.`)).toBe(401);
    expect(await meStatus(`${header}.${payload}.x`)).toBe(401);
  });

  it("refuses a token re-signed with another key, another algorithm, or a changed payload", async () => {
    const keyring = new Keyring({ current: secretA });
    const claims = { sid: subject.sessionId };
    const base = () =>
      new SignJWT(claims).setSubject(subject.userId).setIssuer(ISSUER).setAudience(ACCESS_AUDIENCE).setJti("j").setIssuedAt().setExpirationTime("10m");
    // Same kid, a key of the attacker's choosing.
    const forged = await base().setProtectedHeader({ alg: "HS256", kid: keyring.current.kid }).sign(randomBytes(32));
    expect(await meStatus(forged)).toBe(401);
    // Our own key, another HMAC algorithm.
    const hs512 = await base().setProtectedHeader({ alg: "HS512", kid: keyring.current.kid }).sign(new Uint8Array(64).fill(7));
    expect(await meStatus(hs512)).toBe(401);
    const hs384 = await base().setProtectedHeader({ alg: "HS384", kid: keyring.current.kid }).sign(keyring.current.accessKey);
    expect(await meStatus(hs384)).toBe(401);
    // An unknown kid, even with a valid signature under that kid's claimed key.
    const unknownKid = await base().setProtectedHeader({ alg: "HS256", kid: "someone-else" }).sign(keyring.current.accessKey);
    expect(await meStatus(unknownKid)).toBe(401);
    // The payload changed after signing.
    const good = (await signAccessToken(subject, keyring)).token;
    const [h, , s] = good.split(".");
    const tampered = base64url.encode(JSON.stringify({ ...decodeJwt(good), sub: "00000000-0000-7000-8000-000000000000" }));
    expect(await meStatus(`${h}.${tampered}.${s}`)).toBe(401);
    // Wrong issuer or audience, though signed with our key.
    const wrongAud = await new SignJWT(claims).setSubject(subject.userId).setIssuer(ISSUER).setAudience("someone").setJti("j").setIssuedAt().setExpirationTime("10m")
      .setProtectedHeader({ alg: "HS256", kid: keyring.current.kid }).sign(keyring.current.accessKey);
    expect(await meStatus(wrongAud)).toBe(401);
    const wrongIss = await new SignJWT(claims).setSubject(subject.userId).setIssuer("evil").setAudience(ACCESS_AUDIENCE).setJti("j").setIssuedAt().setExpirationTime("10m")
      .setProtectedHeader({ alg: "HS256", kid: keyring.current.kid }).sign(keyring.current.accessKey);
    expect(await meStatus(wrongIss)).toBe(401);
    expect(await meStatus(good)).toBe(200);
  });

  it("refuses an expired token, allowing at most 30 s of clock skew", async () => {
    const keyring = new Keyring({ current: secretA });
    const now = Date.now();
    const expiredLongAgo = await signAccessToken(subject, keyring, { now: now - 16 * 60_000 });
    expect(await meStatus(expiredLongAgo.token)).toBe(401);
    const expired45sAgo = await signAccessToken(subject, keyring, { now: now - 900_000 - 45_000 });
    expect(await meStatus(expired45sAgo.token)).toBe(401);
    const expired10sAgo = await signAccessToken(subject, keyring, { now: now - 900_000 - 10_000 });
    expect(await meStatus(expired10sAgo.token)).toBe(200);
    expect(await verifyAccessToken(expired10sAgo.token, keyring, { now: now + 25_000 })).toBeNull();
  });

  it("accepts a token of the previous key while it is configured, and refuses it after", async () => {
    const oldToken = (await signAccessToken(subject, new Keyring({ current: secretA }))).token;
    // Rotation step 1: B becomes current, A stays as previous.
    setKeyring(new Keyring({ current: secretB, previous: secretA }));
    expect(await meStatus(oldToken)).toBe(200);
    const fresh = await tokens(baseUrl(), "grace@example.com");
    expect(decodeProtectedHeader(fresh.accessToken).kid).toBe(new Keyring({ current: secretB }).current.kid);
    expect(await meStatus(fresh.accessToken)).toBe(200);
    // Rotation step 2: A removed.
    setKeyring(new Keyring({ current: secretB }));
    expect(await meStatus(oldToken)).toBe(401);
    expect(await meStatus(fresh.accessToken)).toBe(200);
    // Refresh tokens are opaque and survive the rotation.
    const refreshed = await fetch(`${baseUrl()}/api/auth/token/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken: fresh.refreshToken }),
    });
    expect(refreshed.status).toBe(200);
  });
});
