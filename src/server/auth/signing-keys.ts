/**
 * Access-token signing keys (docs/decisions/093): `HS256` with the HKDF key of AUTH_SECRET (one service), or an
 * asymmetric key pair — `EdDSA` (Ed25519) or `ES256` (P-256) — whose private key comes from the environment as PEM
 * (AUTH_SIGNING_KEY) and whose public keys, with the previous one (AUTH_SIGNING_KEY_PREVIOUS), are published at
 * `/.well-known/jwks.json` so other services verify our tokens without a secret.
 *
 * Each key fixes its algorithm: verification picks the key by the token's `kid` and refuses any other `alg`, so a
 * token cannot choose how it is checked (no `none`, no HS256 with a public key as the secret). The WebCrypto key of
 * each key is imported once, on first use (issue 13).
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { importPKCS8, importSPKI } from "jose";
import type { PublicJwk } from "~/lib/validation/jwks-output";

export type { PublicJwk };

export const ASYMMETRIC_ALGS = ["EdDSA", "ES256"] as const;
export type AsymmetricAlg = (typeof ASYMMETRIC_ALGS)[number];
export const SIGNING_ALGS = ["HS256", ...ASYMMETRIC_ALGS] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** What each asymmetric algorithm needs, as a person would name it. */
const KEY_NAMES: Record<AsymmetricAlg, string> = { EdDSA: "an Ed25519 key", ES256: "a P-256 (prime256v1) EC key" };

/** A key the environment gave that cannot be used; the message names what is wrong, never the key. */
export class SigningKeyError extends Error {
  override name = "SigningKeyError";
}

/** One access-token key: its id and algorithm, and its WebCrypto key (imported once). */
export interface AccessKey {
  kid: string;
  alg: SigningAlg;
  /** The key that verifies (HMAC: the same as the one that signs). */
  verifyKey(): Promise<CryptoKey>;
  /** The public key to publish (asymmetric keys only). */
  jwk?: PublicJwk;
}

/** The key that signs new access tokens. */
export interface AccessSigner extends AccessKey {
  signKey(): Promise<CryptoKey>;
}

/** A function that runs `make` once, on first call, and returns the same promise after. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** An environment variable often carries a PEM on one line with its newlines written as `\n`. */
export function pemFromEnv(value: string): string {
  return value.replace(/\\n/g, "\n").trim();
}

function algOf(key: KeyObject): AsymmetricAlg | undefined {
  if (key.asymmetricKeyType === "ed25519") return "EdDSA";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  return undefined;
}

function describe(key: KeyObject): string {
  const type = key.asymmetricKeyType ?? "unknown";
  if (type === "ec") return `an EC key on ${key.asymmetricKeyDetails?.namedCurve ?? "an unknown curve"}`;
  return `an ${type.toUpperCase()} key`;
}

function unsupported(key: KeyObject): SigningKeyError {
  return new SigningKeyError(`is ${describe(key)}; only Ed25519 (EdDSA) and P-256 (ES256) keys are supported`);
}

/** The published form of a public key, its `kid` the thumbprint of its required members. */
function publicJwkOf(publicKey: KeyObject, alg: AsymmetricAlg): PublicJwk {
  const { x, y } = publicKey.export({ format: "jwk" }) as { x: string; y: string };
  if (alg === "EdDSA") {
    return { kty: "OKP", crv: "Ed25519", x, kid: thumbprint({ crv: "Ed25519", kty: "OKP", x }), alg, use: "sig" };
  }
  return { kty: "EC", crv: "P-256", x, y, kid: thumbprint({ crv: "P-256", kty: "EC", x, y }), alg, use: "sig" };
}

/**
 * The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key's required members: a `kid` anyone can recompute
 * from the public key, and that reveals nothing else.
 */
export function thumbprint(members: Record<string, string>): string {
  const sorted = Object.keys(members)
    .sort()
    .map((name) => `${JSON.stringify(name)}:${JSON.stringify(members[name])}`);
  return createHash("sha256").update(`{${sorted.join(",")}}`).digest("base64url");
}

/**
 * AUTH_SIGNING_KEY: a PEM private key (PKCS#8 `BEGIN PRIVATE KEY`, or SEC1 `BEGIN EC PRIVATE KEY`) of the type
 * `alg` needs. Throws a SigningKeyError that says what is wrong.
 */
export function parseSigningKey(pem: string, alg: AsymmetricAlg): { privateKey: KeyObject; publicKey: KeyObject } {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pemFromEnv(pem), format: "pem" });
  } catch {
    throw new SigningKeyError(
      `must be a PEM private key ("-----BEGIN PRIVATE KEY-----"), e.g. from \`openssl genpkey -algorithm ${alg === "EdDSA" ? "ed25519" : "EC -pkeyopt ec_paramgen_curve:P-256"}\``,
    );
  }
  const keyAlg = algOf(privateKey);
  if (!keyAlg) throw unsupported(privateKey);
  if (keyAlg !== alg) throw new SigningKeyError(`is ${KEY_NAMES[keyAlg]} (${keyAlg}), but AUTH_SIGNING_ALG is ${alg}, which needs ${KEY_NAMES[alg]}`);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/**
 * AUTH_SIGNING_KEY_PREVIOUS: the previous key as a PEM public key (`BEGIN PUBLIC KEY`) or its private key (only the
 * public half is kept). Its algorithm may differ from the current one's (a switch from EdDSA to ES256).
 */
export function parsePreviousKey(pem: string): { publicKey: KeyObject; alg: AsymmetricAlg } {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: pemFromEnv(pem), format: "pem" });
  } catch {
    throw new SigningKeyError('must be a PEM public key ("-----BEGIN PUBLIC KEY-----") or the previous PEM private key');
  }
  const alg = algOf(publicKey);
  if (!alg) throw unsupported(publicKey);
  return { publicKey, alg };
}

const spki = (key: KeyObject) => key.export({ type: "spki", format: "pem" }) as string;

/** The current asymmetric key: signs; its public half verifies and is published. */
export function asymmetricSigner(pem: string, alg: AsymmetricAlg): AccessSigner {
  const { privateKey, publicKey } = parseSigningKey(pem, alg);
  const jwk = publicJwkOf(publicKey, alg);
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  const publicPem = spki(publicKey);
  return {
    kid: jwk.kid,
    alg,
    jwk,
    signKey: once(() => importPKCS8(pkcs8, alg)),
    verifyKey: once(() => importSPKI(publicPem, alg)),
  };
}

/** The previous asymmetric key: verifies and is published, never signs. */
export function asymmetricVerifier(pem: string): AccessKey {
  const { publicKey, alg } = parsePreviousKey(pem);
  const jwk = publicJwkOf(publicKey, alg);
  const publicPem = spki(publicKey);
  return { kid: jwk.kid, alg, jwk, verifyKey: once(() => importSPKI(publicPem, alg)) };
}

/** An HS256 key from the HKDF-derived access key of AUTH_SECRET: it signs and verifies; nothing is published. */
export function hmacSigner(kid: string, secret: Uint8Array): AccessSigner {
  const key = once(() =>
    crypto.subtle.importKey("raw", new Uint8Array(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]),
  );
  return { kid, alg: "HS256", signKey: key, verifyKey: key };
}
