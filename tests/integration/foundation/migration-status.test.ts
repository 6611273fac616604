/**
 * The start's cheap check (docs/decisions/108): the schema engine is skipped only when `_prisma_migrations` matches
 * the migration folder exactly; any difference sends the start to the engine, which applies or reports it.
 */
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../../src/server/db/client";
import { isAtLatestMigration } from "../../../src/server/db/migration-status";
import { MIGRATIONS_DIR } from "../../../src/server/db/migrations/migrations-list";
import { setupTestDatabase } from "../../helpers/db";

const db = setupTestDatabase();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "ws-migration-status-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A copy of prisma/migrations to change. */
async function copyOfMigrations(name: string): Promise<string> {
  const folder = path.join(dir, name);
  await cp(MIGRATIONS_DIR, folder, { recursive: true });
  return folder;
}

describe("whether the database is at the latest migration", () => {
  it("is true for a database migrated from this folder", async () => {
    expect(await isAtLatestMigration(db())).toBe(true);
  });

  it("is false when the folder has a migration the database has not", async () => {
    const newer = await copyOfMigrations("newer");
    await mkdir(path.join(newer, "29991231000000_later"));
    await writeFile(path.join(newer, "29991231000000_later", "migration.sql"), 'ALTER TABLE "users" ADD COLUMN "later" TEXT;\n');
    expect(await isAtLatestMigration(db(), newer)).toBe(false);
  });

  it("is false when an applied migration's file changed since", async () => {
    const edited = await copyOfMigrations("edited");
    await appendFile(path.join(edited, "20261125190608_init", "migration.sql"), "\n-- edited\n");
    expect(await isAtLatestMigration(db(), edited)).toBe(false);
  });

  it("is false when the database has a migration the folder has not (an older build)", async () => {
    const older = await copyOfMigrations("older");
    await rm(path.join(older, "20261130080441_audit_pseudonym"), { recursive: true });
    expect(await isAtLatestMigration(db(), older)).toBe(false);
  });

  it("is false while a migration is recorded as failed, and true again once it is rolled back", async () => {
    await db().prisma.$executeRaw`
      INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
      VALUES ('failed-one', 'x', '29991231000000_failed', now(), 0)`;
    try {
      expect(await isAtLatestMigration(db())).toBe(false);
      await db().prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = 'failed-one'`;
      expect(await isAtLatestMigration(db())).toBe(true);
    } finally {
      await db().prisma.$executeRaw`DELETE FROM _prisma_migrations WHERE id = 'failed-one'`;
    }
  });

  it("is false for a new database (no _prisma_migrations yet), which still answers queries after", async () => {
    const fresh = await openPglite(undefined);
    try {
      expect(await isAtLatestMigration(fresh)).toBe(false);
      expect(await fresh.queryRows<{ one: number }>({ text: "SELECT 1 AS one", values: [] })).toEqual([{ one: 1 }]);
    } finally {
      await fresh.close();
    }
  }, 120_000); // a new PGlite runs initdb: seconds on a quiet machine, far more on a loaded one
});
