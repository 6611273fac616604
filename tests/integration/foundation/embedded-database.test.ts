import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../../src/server/db/client";
import { applyMigrations } from "../../../src/server/db/migrations/apply";
import { DatabaseLockedError, lockDataFolder } from "../../../src/server/db/pglite-lock";
import { runTsx } from "../../helpers/run-tsx";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "ws-pglite-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the embedded database folder", () => {
  it("keeps its data across a close and a reopen", async () => {
    const dataDir = path.join(dir, "persist");
    const first = await openPglite(dataDir);
    await applyMigrations(first.adapterFactory);
    await first.prisma.user.create({ data: { email: "kept@example.com", passwordHash: "x" } });
    await first.close();
    const second = await openPglite(dataDir);
    try {
      expect(await second.prisma.user.count({ where: { email: "kept@example.com" } })).toBe(1);
    } finally {
      await second.close();
    }
  }, 120_000); // two data folders opened (initdb each): seconds on a quiet machine, far more on a loaded one

  it("refuses a second process with a clear message, and the first keeps working", async () => {
    const dataDir = path.join(dir, "shared");
    const first = await openPglite(dataDir);
    try {
      await applyMigrations(first.adapterFactory);
      const second = await runTsx(["scripts/db-migrate.ts"], { PGLITE_DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`in use by another process (pid ${process.pid})`);
      const server = await runTsx(["src/server/main.ts"], { PGLITE_DATA_DIR: dataDir, PORT: "3999", NODE_ENV: "development" });
      expect(server.code).toBe(1);
      expect(server.stderr).toMatch(/cannot start: The embedded database .* is in use by another process/);
      expect(await first.prisma.user.count()).toBe(0);
    } finally {
      await first.close();
    }
  }, 120_000); // a data folder plus two child processes under tsx

  it("takes over the lock of a process that died", async () => {
    const dataDir = path.join(dir, "stale");
    await writeFile(`${dataDir}.lock`, "999999");
    const lock = lockDataFolder(dataDir);
    expect(() => lockDataFolder(dataDir)).not.toThrow(); // the same process may re-enter
    lock.release();
  });

  it("refuses a lock held by another live process", async () => {
    const dataDir = path.join(dir, "live");
    await writeFile(`${dataDir}.lock`, String(process.ppid));
    expect(() => lockDataFolder(dataDir)).toThrow(DatabaseLockedError);
  });
});
