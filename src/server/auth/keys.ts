/**
 * The signing keyring: a current key, which signs, and an optional previous one, which still verifies during a
 * rotation (docs/security/key-rotation.md). Keys come only from the environment (AUTH_SECRET, AUTH_SECRET_PREVIOUS).
 * Each secret yields purpose-bound keys through HKDF, so the access-token key never doubles as the cookie key.
 * In development, with no AUTH_SECRET, a key is generated into AUTH_SECRET_FILE (./.data/) and the log says so;
 * in tests, an ephemeral one lives in memory; production refuses to start without one (config.ts).
 */
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AppConfig } from "../config";
import { log } from "../log";

export interface SigningKey {
  /** Public key id, derived from the secret by a one-way hash; appears in token headers. */
  kid: string;
  /** HS256 key for access tokens. */
  accessKey: Uint8Array;
  /** A256GCM key for the browser session cookie (next-auth JWT). */
  sessionKey: Uint8Array;
  /** Secret for next-auth's CSRF token. */
  csrfSecret: string;
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
  };
}

export class Keyring {
  readonly current: SigningKey;
  readonly previous: SigningKey | undefined;

  constructor(secrets: { current: string; previous?: string | undefined }) {
    this.current = signingKeyFrom(secrets.current);
    this.previous = secrets.previous ? signingKeyFrom(secrets.previous) : undefined;
  }

  /** The key with this id, current or previous; undefined for any other id. */
  byKid(kid: unknown): SigningKey | undefined {
    if (typeof kid !== "string") return undefined;
    if (kid === this.current.kid) return this.current;
    if (this.previous && kid === this.previous.kid) return this.previous;
    return undefined;
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

type KeyConfig = Pick<AppConfig, "NODE_ENV" | "AUTH_SECRET" | "AUTH_SECRET_PREVIOUS" | "AUTH_SECRET_FILE">;

export function keyringFromConfig(config: KeyConfig): Keyring {
  if (config.AUTH_SECRET) return new Keyring({ current: config.AUTH_SECRET, previous: config.AUTH_SECRET_PREVIOUS });
  if (config.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET is required in production (at least 32 bytes).");
  }
  if (config.NODE_ENV === "test") return Keyring.random();
  const { secret, created } = loadOrCreateSecretFile(config.AUTH_SECRET_FILE);
  log.info(
    { file: config.AUTH_SECRET_FILE },
    created
      ? `AUTH_SECRET is not set: generated a development signing key into ${config.AUTH_SECRET_FILE}`
      : `AUTH_SECRET is not set: using the development signing key in ${config.AUTH_SECRET_FILE}`,
  );
  return new Keyring({ current: secret });
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
