import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Keyring, keyringFromConfig } from "../../../src/server/auth/keys";
import { ConfigError, parseConfig } from "../../../src/server/config";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("signing keys from the environment", () => {
  it("refuses to start in production without AUTH_SECRET, or with a short one", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET: required in production/);
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: "too short" })).toThrow(/AUTH_SECRET: must be at least 32 bytes/);
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), AUTH_SECRET_PREVIOUS: "short" })).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), AUTH_SECRET_PREVIOUS: "x".repeat(32) })).toThrow(/must differ/);
    expect(parseConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) }).AUTH_SECRET).toHaveLength(32);
    expect(() => keyringFromConfig({ NODE_ENV: "production", AUTH_SECRET_FILE: "unused" })).toThrow(/AUTH_SECRET is required/);
  });

  it("takes the token lifetimes and the hasher from the environment", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PASSWORD_HASHER: "argon2id", BCRYPT_COST: 12, ACCESS_TOKEN_TTL: 900, REFRESH_TOKEN_TTL: 2_592_000 });
    expect(() => parseConfig({ ACCESS_TOKEN_TTL: "3600" })).toThrow(/ACCESS_TOKEN_TTL/);
    expect(() => parseConfig({ PASSWORD_HASHER: "md5" })).toThrow(/PASSWORD_HASHER/);
  });

  it("generates a development key into the data folder once (mode 0600), then reuses it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ws-keys-"));
    dirs.push(dir);
    const file = path.join(dir, "nested", "auth-secret");
    const first = keyringFromConfig({ NODE_ENV: "development", AUTH_SECRET_FILE: file });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, "utf8")).trim().length).toBeGreaterThanOrEqual(43);
    const second = keyringFromConfig({ NODE_ENV: "development", AUTH_SECRET_FILE: file });
    expect(second.current.kid).toBe(first.current.kid);
  });

  it("derives separate keys per purpose and a kid that does not reveal the secret", () => {
    const secret = "s".repeat(48);
    const keyring = new Keyring({ current: secret, previous: "p".repeat(48) });
    expect(Buffer.from(keyring.current.accessKey).equals(Buffer.from(keyring.current.sessionKey))).toBe(false);
    expect(keyring.current.kid).not.toContain("sss");
    expect(keyring.byKid(keyring.previous!.kid)).toBe(keyring.previous);
    expect(keyring.byKid("nope")).toBeUndefined();
    expect(keyring.byKid(undefined)).toBeUndefined();
  });
});
