/**
 * The signing keyring: a current key, which signs, and an optional previous one, which still verifies during a
 * rotation (docs/security/key-rotation.md). Keys come only from the environment (AUTH_SECRET, AUTH_SECRET_PREVIOUS).
 * Each secret yields purpose-bound keys through HKDF, so the access-token key never doubles as the cookie key.
 * Access tokens are signed HS256 with that key, or — with AUTH_SIGNING_ALG=EdDSA/ES256 — with the asymmetric key
 * AUTH_SIGNING_KEY (and AUTH_SIGNING_KEY_PREVIOUS verifying), whose public keys the JWKS publishes
 * (./signing-keys.ts, docs/decisions/093). The session cookie and CSRF stay on AUTH_SECRET either way.
 * In development, with no AUTH_SECRET, a key is generated into AUTH_SECRET_FILE (./.data/) and the log says so;
 * in tests, an ephemeral one lives in memory; production refuses to start without one (config.ts).
 */
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AppConfig } from "../config";
import { log } from "../log";
import {
  type AccessKey,
  type AccessSigner,
  type AsymmetricAlg,
  type PublicJwk,
  type SigningAlg,
  asymmetricSigner,
  asymmetricVerifier,
  hmacSigner,
} from "./signing-keys";

export interface SigningKey {
  /** Public key id, derived from the secret by a one-way hash; appears in token headers. */
  kid: string;
  /** HS256 key for access tokens (used when AUTH_SIGNING_ALG is HS256). */
  accessKey: Uint8Array;
  /** A256GCM key for the browser session cookie (next-auth JWT). */
  sessionKey: Uint8Array;
  /** Secret for next-auth's CSRF token. */
  csrfSecret: string;
  /** HMAC key of the pseudonyms that replace a deleted account's id in the audit log (decision 102). */
  auditPseudonymKey: Uint8Array;
}

const SALT = "workflow-studio/v1";

function derive(secret: string, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", Buffer.from(secret, "utf8"), SALT, purpose, 32));
}

export function signingKeyFrom(secret: string): SigningKey {
  if (Buffer.byteLength(secret, "utf8") < 32) throw new Error("A signing secret must be at least 32 bytes.");
  return {
    kid: createHash("sha256").update(`kid:${SALT}:`).update(secret).digest("base64url").slice(0, 16),
    accessKey: derive(secret, "access-token"),
    sessionKey: derive(secret, "session-cookie"),
    csrfSecret: Buffer.from(derive(secret, "csrf")).toString("base64url"),
    auditPseudonymKey: derive(secret, "audit-pseudonym"),
  };
}

/** Asymmetric access-token keys: the algorithm, the PEM private key, and the previous key (PEM, public or private). */
export interface AsymmetricKeys {
  alg: AsymmetricAlg;
  key: string;
  previous?: string | undefined;
}

export class Keyring {
  readonly current: SigningKey;
  readonly previous: SigningKey | undefined;
  /** The key that signs access tokens. */
  readonly accessSigner: AccessSigner;
  /** The keys that verify access tokens: the signer's, then the previous one's. */
  readonly accessKeys: readonly AccessKey[];
  /** The algorithms access tokens may use: the one of each configured key, nothing else. */
  readonly accessAlgorithms: SigningAlg[];

  constructor(secrets: { current: string; previous?: string | undefined; signing?: AsymmetricKeys | undefined }) {
    this.current = signingKeyFrom(secrets.current);
    this.previous = secrets.previous ? signingKeyFrom(secrets.previous) : undefined;
    if (secrets.signing) {
      this.accessSigner = asymmetricSigner(secrets.signing.key, secrets.signing.alg);
      const previous = secrets.signing.previous ? asymmetricVerifier(secrets.signing.previous) : undefined;
      this.accessKeys = previous && previous.kid !== this.accessSigner.kid ? [this.accessSigner, previous] : [this.accessSigner];
    } else {
      this.accessSigner = hmacSigner(this.current.kid, this.current.accessKey);
      this.accessKeys = this.previous
        ? [this.accessSigner, hmacSigner(this.previous.kid, this.previous.accessKey)]
        : [this.accessSigner];
    }
    this.accessAlgorithms = [...new Set(this.accessKeys.map((key) => key.alg))];
  }

  /** The session-cookie key with this id, current or previous; undefined for any other id. */
  byKid(kid: unknown): SigningKey | undefined {
    if (typeof kid !== "string") return undefined;
    if (kid === this.current.kid) return this.current;
    if (this.previous && kid === this.previous.kid) return this.previous;
    return undefined;
  }

  /** The access-token key with this id; undefined for any other id. */
  accessKeyByKid(kid: unknown): AccessKey | undefined {
    if (typeof kid !== "string") return undefined;
    return this.accessKeys.find((key) => key.kid === kid);
  }

  /** The public keys other services verify our access tokens with (none in HS256 mode). */
  publicJwks(): PublicJwk[] {
    return this.accessKeys.flatMap((key) => (key.jwk ? [key.jwk] : []));
  }

  static random(): Keyring {
    return new Keyring({ current: randomBytes(48).toString("base64url") });
  }
}

/**
 * Reads the development key file, creating it (mode 0600) with 48 random bytes when it is missing.
 * Returns the secret and whether it was created now.
 */
export function loadOrCreateSecretFile(file: string): { secret: string; created: boolean } {
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (Buffer.byteLength(secret, "utf8") >= 32) return { secret, created: false };
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secret, created: true };
}

type KeyConfig = Pick<AppConfig, "NODE_ENV" | "AUTH_SECRET" | "AUTH_SECRET_PREVIOUS" | "AUTH_SECRET_FILE"> &
  Partial<Pick<AppConfig, "AUTH_SIGNING_ALG" | "AUTH_SIGNING_KEY" | "AUTH_SIGNING_KEY_PREVIOUS">>;

/** The asymmetric keys the configuration names, if any (config.ts has checked they fit together). */
function asymmetricFrom(config: KeyConfig): AsymmetricKeys | undefined {
  if (!config.AUTH_SIGNING_ALG || config.AUTH_SIGNING_ALG === "HS256") return undefined;
  if (!config.AUTH_SIGNING_KEY) throw new Error(`AUTH_SIGNING_KEY is required with AUTH_SIGNING_ALG=${config.AUTH_SIGNING_ALG}.`);
  return { alg: config.AUTH_SIGNING_ALG, key: config.AUTH_SIGNING_KEY, previous: config.AUTH_SIGNING_KEY_PREVIOUS };
}

export function keyringFromConfig(config: KeyConfig): Keyring {
  const signing = asymmetricFrom(config);
  if (config.AUTH_SECRET) return new Keyring({ current: config.AUTH_SECRET, previous: config.AUTH_SECRET_PREVIOUS, signing });
  if (config.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET is required in production (at least 32 bytes).");
  }
  if (config.NODE_ENV === "test") return new Keyring({ current: randomBytes(48).toString("base64url"), signing });
  const { secret, created } = loadOrCreateSecretFile(config.AUTH_SECRET_FILE);
  log.info(
    { file: config.AUTH_SECRET_FILE },
    created
      ? `AUTH_SECRET is not set: generated a development signing key into ${config.AUTH_SECRET_FILE}`
      : `AUTH_SECRET is not set: using the development signing key in ${config.AUTH_SECRET_FILE}`,
  );
  return new Keyring({ current: secret, signing });
}

const globalForKeys = globalThis as unknown as { __workflowStudioKeyring?: Keyring };

/** The process's keyring, from the configuration on first use. */
export async function getKeyring(): Promise<Keyring> {
  if (!globalForKeys.__workflowStudioKeyring) {
    const { getConfig } = await import("../config");
    globalForKeys.__workflowStudioKeyring = keyringFromConfig(getConfig());
  }
  return globalForKeys.__workflowStudioKeyring;
}

/** Installs a keyring (the server at start; a test to rotate keys). `undefined` reloads from the configuration. */
export function setKeyring(keyring: Keyring | undefined): void {
  globalForKeys.__workflowStudioKeyring = keyring;
}
