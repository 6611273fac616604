/**
 * AUTH_SIGNING_ALG / AUTH_SIGNING_KEY / AUTH_SIGNING_KEY_PREVIOUS are checked at start: a missing, unreadable or
 * mismatched key names the variable and what is wrong, and never repeats the key. Keys are made here.
 */
import { calculateJwkThumbprint } from "jose";
import { describe, expect, it } from "vitest";
import { keyringFromConfig } from "../../../src/server/auth/keys";
import { ConfigError, parseConfig } from "../../../src/server/config";
import { pemKeyPair } from "../../helpers/signing-keys";

const ed25519 = pemKeyPair("ed25519");
const p256 = pemKeyPair("p256");
const p384 = pemKeyPair("p384");
const rsa = pemKeyPair("rsa");
const SECRET = "s".repeat(48);

/** The configuration error's message for this environment (fails the test when the environment is accepted). */
function refusal(env: Record<string, string>): string {
  try {
    parseConfig({ AUTH_SECRET: SECRET, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${Object.keys(env).join(", ")}`);
}

/** The base64 body of a PEM, which must never appear in a message. */
const body = (pem: string) => pem.split("\n")[1]!;

describe("access-token signing configuration", () => {
  it("defaults to HS256 with AUTH_SECRET, publishing no key", () => {
    const config = parseConfig({ AUTH_SECRET: SECRET });
    expect(config.AUTH_SIGNING_ALG).toBe("HS256");
    const keyring = keyringFromConfig(config);
    expect(keyring.accessSigner.alg).toBe("HS256");
    expect(keyring.publicJwks()).toEqual([]);
  });

  it("accepts an Ed25519 key for EdDSA and a P-256 key for ES256, with a kid that is the key's RFC 7638 thumbprint", async () => {
    for (const [alg, pair] of [["EdDSA", ed25519], ["ES256", p256]] as const) {
      const config = parseConfig({ AUTH_SECRET: SECRET, AUTH_SIGNING_ALG: alg, AUTH_SIGNING_KEY: pair.privateKey });
      const keyring = keyringFromConfig(config);
      const [jwk] = keyring.publicJwks();
      expect(jwk).toMatchObject({ alg, use: "sig", kid: keyring.accessSigner.kid });
      expect(jwk!.kid).toBe(await calculateJwkThumbprint(jwk!));
      // The session cookie's key is still AUTH_SECRET's.
      expect(keyring.current.kid).toBe(keyringFromConfig(parseConfig({ AUTH_SECRET: SECRET })).current.kid);
    }
  });

  it("accepts a PEM whose newlines are written as \\n, as one-line environment files carry it", () => {
    const oneLine = ed25519.privateKey.trim().replace(/\n/g, "\\n");
    const config = parseConfig({ AUTH_SECRET: SECRET, AUTH_SIGNING_ALG: "EdDSA", AUTH_SIGNING_KEY: oneLine });
    expect(keyringFromConfig(config).publicJwks()).toHaveLength(1);
  });

  it("refuses an unknown algorithm, and a missing key for an asymmetric one", () => {
    expect(refusal({ AUTH_SIGNING_ALG: "RS256" })).toMatch(/AUTH_SIGNING_ALG: must be HS256 \(the default\), EdDSA or ES256/);
    expect(refusal({ AUTH_SIGNING_ALG: "none" })).toMatch(/AUTH_SIGNING_ALG: must be/);
    expect(refusal({ AUTH_SIGNING_ALG: "EdDSA" })).toMatch(/AUTH_SIGNING_KEY: required with AUTH_SIGNING_ALG=EdDSA: .*openssl genpkey -algorithm ed25519/);
    expect(refusal({ AUTH_SIGNING_ALG: "ES256" })).toMatch(/AUTH_SIGNING_KEY: required with AUTH_SIGNING_ALG=ES256: .*ec_paramgen_curve:P-256/);
  });

  it("refuses a key that does not fit the algorithm, naming both, without repeating the key", () => {
    const edAsEs = refusal({ AUTH_SIGNING_ALG: "ES256", AUTH_SIGNING_KEY: ed25519.privateKey });
    expect(edAsEs).toMatch(/AUTH_SIGNING_KEY: is an Ed25519 key \(EdDSA\), but AUTH_SIGNING_ALG is ES256, which needs a P-256/);
    expect(edAsEs).not.toContain(body(ed25519.privateKey));
    const esAsEd = refusal({ AUTH_SIGNING_ALG: "EdDSA", AUTH_SIGNING_KEY: p256.privateKey });
    expect(esAsEd).toMatch(/AUTH_SIGNING_KEY: is a P-256 \(prime256v1\) EC key \(ES256\), but AUTH_SIGNING_ALG is EdDSA, which needs an Ed25519 key/);
    expect(refusal({ AUTH_SIGNING_ALG: "ES256", AUTH_SIGNING_KEY: p384.privateKey })).toMatch(
      /AUTH_SIGNING_KEY: is an EC key on secp384r1; only Ed25519 \(EdDSA\) and P-256 \(ES256\) keys are supported/,
    );
    expect(refusal({ AUTH_SIGNING_ALG: "EdDSA", AUTH_SIGNING_KEY: rsa.privateKey })).toMatch(/AUTH_SIGNING_KEY: is an RSA key; only Ed25519/);
  });

  it("refuses what is not a PEM private key: garbage, a public key, a secret", () => {
    for (const value of ["not a key", ed25519.publicKey, SECRET, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"]) {
      const message = refusal({ AUTH_SIGNING_ALG: "EdDSA", AUTH_SIGNING_KEY: value });
      expect(message).toMatch(/AUTH_SIGNING_KEY: must be a PEM private key \("-----BEGIN PRIVATE KEY-----"\)/);
      expect(message).not.toContain(body(ed25519.publicKey));
    }
  });

  it("refuses AUTH_SIGNING_KEY in HS256 mode, so a forgotten AUTH_SIGNING_ALG does not pass unnoticed", () => {
    expect(refusal({ AUTH_SIGNING_KEY: ed25519.privateKey })).toMatch(
      /AUTH_SIGNING_KEY: is only used with AUTH_SIGNING_ALG=EdDSA or ES256 \(AUTH_SIGNING_ALG is HS256, the default\)/,
    );
    expect(refusal({ AUTH_SIGNING_KEY_PREVIOUS: ed25519.publicKey })).toMatch(/AUTH_SIGNING_KEY_PREVIOUS: is only used together with AUTH_SIGNING_KEY/);
  });

  it("takes the previous key as a public or a private PEM, of either algorithm, and keeps only its public half", () => {
    const other = pemKeyPair("ed25519");
    for (const previous of [other.publicKey, other.privateKey, p256.publicKey]) {
      const config = parseConfig({ AUTH_SECRET: SECRET, AUTH_SIGNING_ALG: "EdDSA", AUTH_SIGNING_KEY: ed25519.privateKey, AUTH_SIGNING_KEY_PREVIOUS: previous });
      const jwks = keyringFromConfig(config).publicJwks();
      expect(jwks).toHaveLength(2);
      expect(jwks[1]).not.toHaveProperty("d");
    }
  });

  it("refuses a previous key that is unreadable, unsupported, or the current key itself", () => {
    const current = { AUTH_SIGNING_ALG: "EdDSA", AUTH_SIGNING_KEY: ed25519.privateKey };
    expect(refusal({ ...current, AUTH_SIGNING_KEY_PREVIOUS: "old" })).toMatch(
      /AUTH_SIGNING_KEY_PREVIOUS: must be a PEM public key \("-----BEGIN PUBLIC KEY-----"\) or the previous PEM private key/,
    );
    expect(refusal({ ...current, AUTH_SIGNING_KEY_PREVIOUS: rsa.publicKey })).toMatch(/AUTH_SIGNING_KEY_PREVIOUS: is an RSA key/);
    expect(refusal({ ...current, AUTH_SIGNING_KEY_PREVIOUS: ed25519.publicKey })).toMatch(/AUTH_SIGNING_KEY_PREVIOUS: must differ from AUTH_SIGNING_KEY/);
    expect(refusal({ ...current, AUTH_SIGNING_KEY_PREVIOUS: ed25519.privateKey })).toMatch(/must differ/);
  });

  it("still requires AUTH_SECRET in production: it keys the session cookie and CSRF in every mode", () => {
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SIGNING_ALG: "EdDSA", AUTH_SIGNING_KEY: ed25519.privateKey })).toThrow(
      /AUTH_SECRET: required in production/,
    );
  });
});
