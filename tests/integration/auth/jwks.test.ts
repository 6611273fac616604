/**
 * Issue 16, asymmetric signing keys: another service verifies our access tokens from `/.well-known/jwks.json` alone
 * (jose's remote key set over real HTTP on loopback, no secret), for EdDSA and ES256; a rotation keeps the previous
 * key's tokens valid until they expire; forged tokens are refused with 401 in the one error shape. Keys are made
 * here with node:crypto.
 */
import { randomBytes } from "node:crypto";
import {
  base64url,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  importPKCS8,
  jwtVerify,
  SignJWT,
} from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwkSet } from "../../../src/lib/validation/jwks-output";
import { type AsymmetricKeys, Keyring, setKeyring } from "../../../src/server/auth/keys";
import { ACCESS_AUDIENCE, ISSUER, signAccessToken } from "../../../src/server/auth/tokens";
import { register, tokens } from "../../helpers/auth";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { pemKeyPair } from "../../helpers/signing-keys";

setupTestDatabase();
const baseUrl = setupTestServer();

type Alg = AsymmetricKeys["alg"];
const secret = randomBytes(48).toString("base64url");

function keyPair(alg: Alg): { privatePem: string; publicPem: string } {
  const pair = pemKeyPair(alg === "EdDSA" ? "ed25519" : "p256");
  return { privatePem: pair.privateKey, publicPem: pair.publicKey };
}

const keyring = (alg: Alg, key: string, previous?: string) => new Keyring({ current: secret, signing: { alg, key, previous } });

/** Another service: only the JWKS URL, a fresh cache each time (as a service that just started). */
async function verifyElsewhere(token: string, algorithms: string[] = ["EdDSA", "ES256"]) {
  const keys = createRemoteJWKSet(new URL(`${baseUrl()}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(token, keys, { issuer: ISSUER, audience: ACCESS_AUDIENCE, algorithms });
  return payload;
}

async function me(token: string) {
  const response = await fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function expectRefused(token: string) {
  const { status, body } = await me(token);
  expect(status).toBe(401);
  expect(body).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String), requestId: expect.any(String) } });
}

async function getJwks() {
  const response = await fetch(`${baseUrl()}/.well-known/jwks.json`);
  expect(response.status).toBe(200);
  return { response, body: jwkSet.parse(await response.json()) };
}

let email: string;
let subject: { userId: string; sessionId: string };

beforeAll(async () => {
  setKeyring(new Keyring({ current: secret }));
  email = `jwks-${randomBytes(4).toString("hex")}@example.com`;
  const user = await register(baseUrl(), email);
  const claims = decodeJwt((await tokens(baseUrl(), email)).accessToken);
  subject = { userId: user.id, sessionId: claims.sid as string };
});
afterAll(() => setKeyring(undefined));

describe("GET /.well-known/jwks.json", () => {
  it("is an empty, cacheable key set while access tokens are HS256 (their key is not public)", async () => {
    setKeyring(new Keyring({ current: secret }));
    const { response, body } = await getJwks();
    expect(body).toEqual({ keys: [] });
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    // Nobody else can verify an HS256 token: no key matches.
    const { accessToken } = await tokens(baseUrl(), email);
    await expect(verifyElsewhere(accessToken, ["HS256", "EdDSA", "ES256"])).rejects.toThrow();
  });

  it("answers other methods with 405 in the one error shape", async () => {
    const response = await fetch(`${baseUrl()}/.well-known/jwks.json`, { method: "POST", body: "{}" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("METHOD_NOT_SUPPORTED");
  });
});

describe.each(["EdDSA", "ES256"] as const)("access tokens signed %s", (alg) => {
  const current = keyPair(alg);
  beforeAll(() => setKeyring(keyring(alg, current.privatePem)));

  it("are verified by another service from the JWKS alone, and by us", async () => {
    const { accessToken, refreshToken } = await tokens(baseUrl(), email);
    const header = decodeProtectedHeader(accessToken);
    expect(header).toEqual({ alg, typ: "JWT", kid: expect.any(String) });

    const { response, body } = await getJwks();
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kid: header.kid, alg, use: "sig", kty: alg === "EdDSA" ? "OKP" : "EC" });
    expect(body.keys[0]).not.toHaveProperty("d"); // never the private key

    const payload = await verifyElsewhere(accessToken);
    expect(payload).toMatchObject({ sub: subject.userId, iss: ISSUER, aud: ACCESS_AUDIENCE });
    expect((await me(accessToken)).status).toBe(200);
    // Refresh tokens stay opaque: not a JWT, and they still give a new pair.
    expect(refreshToken.split(".")).toHaveLength(1);
    const refreshed = await fetch(`${baseUrl()}/api/auth/token/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refreshed.status).toBe(200);
    const next = ((await refreshed.json()) as { accessToken: string }).accessToken;
    expect(decodeProtectedHeader(next).kid).toBe(header.kid);
    await verifyElsewhere(next);
  });

  it("refuses a token of an unknown key, alg none, and HS256 with the public key as the secret", async () => {
    const ours = keyring(alg, current.privatePem);
    const kid = ours.accessSigner.kid;
    const claims = () =>
      new SignJWT({ sid: subject.sessionId })
        .setSubject(subject.userId)
        .setIssuer(ISSUER)
        .setAudience(ACCESS_AUDIENCE)
        .setJti(crypto.randomUUID())
        .setIssuedAt()
        .setExpirationTime("10m");

    // A key we never had, under its own kid and under ours.
    const stranger = keyPair(alg);
    const strangerKey = await importPKCS8(stranger.privatePem, alg);
    const strangerRing = keyring(alg, stranger.privatePem);
    await expectRefused((await signAccessToken(subject, strangerRing)).token);
    await expectRefused(await claims().setProtectedHeader({ alg, kid }).sign(strangerKey));

    // alg none: no signature at all, naming our key.
    const good = (await signAccessToken(subject, ours)).token;
    const [, payload] = good.split(".");
    const none = base64url.encode(JSON.stringify({ alg: "none", typ: "JWT", kid }));
    await expectRefused(`${none}.${payload}.`);

    // Algorithm confusion: HS256 keyed with our public key, as a verifier that trusts the header would accept.
    const publicPem = new TextEncoder().encode(current.publicPem);
    await expectRefused(await claims().setProtectedHeader({ alg: "HS256", kid }).sign(publicPem));
    const { keys } = (await getJwks()).body;
    const rawPublic = base64url.decode(keys[0]!.x);
    await expectRefused(await claims().setProtectedHeader({ alg: "HS256", kid }).sign(rawPublic));

    // The other asymmetric algorithm under our kid, and HS256 with AUTH_SECRET's key (the mode we left).
    const other = alg === "EdDSA" ? "ES256" : "EdDSA";
    await expectRefused(await claims().setProtectedHeader({ alg: other, kid }).sign(await importPKCS8(keyPair(other).privatePem, other)));
    await expectRefused((await signAccessToken(subject, new Keyring({ current: secret }))).token);

    expect((await me(good)).status).toBe(200);
  });
});

describe("rotating the asymmetric key", () => {
  it("keeps the previous key's tokens valid until they expire, then refuses them once the key is gone", async () => {
    const oldKey = keyPair("EdDSA");
    const newKey = keyPair("ES256"); // a rotation may also change the algorithm
    const before = keyring("EdDSA", oldKey.privatePem);
    setKeyring(before);
    const oldToken = (await tokens(baseUrl(), email)).accessToken;
    const oldKid = before.accessSigner.kid;
    expect(decodeProtectedHeader(oldToken).kid).toBe(oldKid);
    // Signed with the old key 14 minutes ago: still valid for a minute. 16 minutes ago: expired.
    const nearlyExpired = (await signAccessToken(subject, before, { now: Date.now() - 14 * 60_000 })).token;
    const expired = (await signAccessToken(subject, before, { now: Date.now() - 16 * 60_000 })).token;

    // Step 2 of the procedure: the new key signs, the old one (its public key only) verifies.
    const during = keyring("ES256", newKey.privatePem, oldKey.publicPem);
    setKeyring(during);
    const { body } = await getJwks();
    expect(body.keys.map((key) => [key.kid, key.alg])).toEqual([
      [during.accessSigner.kid, "ES256"],
      [oldKid, "EdDSA"],
    ]);
    const newToken = (await tokens(baseUrl(), email)).accessToken;
    expect(decodeProtectedHeader(newToken)).toMatchObject({ alg: "ES256", kid: during.accessSigner.kid });
    for (const token of [oldToken, nearlyExpired, newToken]) {
      expect((await me(token)).status).toBe(200);
      await verifyElsewhere(token);
    }
    await expectRefused(expired);
    await expect(verifyElsewhere(expired)).rejects.toThrow(/exp/);

    // The previous key may also be given as its private key: only its public half is kept and published.
    setKeyring(keyring("ES256", newKey.privatePem, oldKey.privatePem));
    const published = (await getJwks()).body.keys;
    expect(published.map((key) => key.kid)).toEqual([during.accessSigner.kid, oldKid]);
    expect(published.every((key) => !("d" in key))).toBe(true);
    expect((await me(oldToken)).status).toBe(200);

    // Step 3, after the access-token lifetime: the old key is removed, its tokens refused here and elsewhere.
    setKeyring(keyring("ES256", newKey.privatePem));
    expect((await getJwks()).body.keys.map((key) => key.kid)).toEqual([during.accessSigner.kid]);
    await expectRefused(oldToken);
    await expect(verifyElsewhere(oldToken)).rejects.toThrow();
    expect((await me(newToken)).status).toBe(200);
    await verifyElsewhere(newToken);
  });
});
