/**
 * Each test file gets its own fresh, migrated database, copied from the run's template, and installs it as the
 * process's database, so route handlers and procedures under test use it. Nothing is shared between files.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, inject } from "vitest";
import { type Database, openPglite, openPostgres, setDatabase } from "../../src/server/db/client";
import { adminQuery, databaseUrl, dropDatabase, runId } from "../../scripts/lib/postgres-admin";

export async function createTestDatabase(): Promise<Database> {
  const testDb = inject("testDb");
  if (testDb.kind === "pglite") {
    const tarball = await readFile(testDb.templateFile);
    return openPglite(undefined, { loadDataDir: new Blob([tarball]) });
  }
  const name = `ws_test_${runId()}`;
  // Copies of one template are made one at a time; PostgreSQL refuses a copy while another is being made.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(testDb.serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${testDb.template}"`);
      break;
    } catch (error) {
      if (attempt >= 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  const db = await openPostgres({
    DATABASE_URL: databaseUrl(testDb.serverUrl, name),
    DATABASE_POOL_MAX: 10,
    DATABASE_TIMEOUT_MS: 5_000,
    PGLITE_DATA_DIR: "",
  });
  return {
    ...db,
    close: async () => {
      await db.close();
      await dropDatabase(testDb.serverUrl, name);
    },
  };
}

/** Gives the calling test file its own database for all its tests; `use().prisma` inside a test. */
export function setupTestDatabase(): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    setDatabase(db);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await db?.close();
  });
  return () => {
    if (!db) throw new Error("setupTestDatabase(): the database is opened in beforeAll");
    return db;
  };
}
