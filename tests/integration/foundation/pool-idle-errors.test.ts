/**
 * PostgreSQL only: the list's query shares pg's pool with Prisma's adapter (issue 13). When the server ends the pool's
 * idle connections (a restart, an administrator), the pool drops them and emits "error"; the process must neither
 * crash nor leave an unhandled error, and the next query must get a fresh connection.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "../../../src/server/db/client";
import { adminQuery } from "../../../scripts/lib/postgres-admin";
import { createTestDatabase } from "../../helpers/db";

const testDb = inject("testDb");
let db: Database;

beforeAll(async () => {
  if (testDb.kind === "postgres") db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe.runIf(testDb.kind === "postgres")("the shared pool when PostgreSQL ends its idle connections", () => {
  it("drops them quietly and answers the next query on a new connection", async () => {
    const rows = () => db.queryRows<{ n: number }>({ text: "SELECT 1 AS n", values: [] });
    // Several connections at once, then idle in the pool; Prisma never connected (only its adapter listens otherwise).
    await Promise.all([rows(), rows(), rows()]);
    const { name } = (await db.queryRows<{ name: string }>({ text: "SELECT current_database() AS name", values: [] }))[0]!;
    await adminQuery(
      testDb.kind === "postgres" ? testDb.serverUrl : "",
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rows()).toEqual([{ n: 1 }]);
  });
});
