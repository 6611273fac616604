/**
 * The server refuses to start with a signing key that does not fit AUTH_SIGNING_ALG: exit 1 and one plain message
 * naming the variable — no stack trace, no key material, no database opened.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runTsx } from "../../helpers/run-tsx";
import { pemKeyPair } from "../../helpers/signing-keys";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The server, started as `npm run dev` starts it, on a port of its own. */
const start = (env: Record<string, string>) => runTsx(["src/server/main.ts"], { NODE_ENV: "development", PORT: "3998", ...env });

describe("starting with asymmetric signing keys", () => {
  it("refuses an Ed25519 key under AUTH_SIGNING_ALG=ES256 with a plain message", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ws-signing-"));
    dirs.push(dir);
    const { privateKey } = pemKeyPair("ed25519");
    const { code, stderr } = await start({
      AUTH_SECRET: "s".repeat(48),
      AUTH_SIGNING_ALG: "ES256",
      AUTH_SIGNING_KEY: privateKey,
      PGLITE_DATA_DIR: path.join(dir, "pglite"),
      DATABASE_URL: "",
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      "Workflow Studio cannot start: Invalid configuration:\n" +
        "  AUTH_SIGNING_KEY: is an Ed25519 key (EdDSA), but AUTH_SIGNING_ALG is ES256, which needs a P-256 (prime256v1) EC key\n" +
        "See .env.example for every variable.\n",
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).toEqual([]); // the embedded database was never opened
  }, 120_000); // a child process under tsx on a loaded machine
});
