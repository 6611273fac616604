/**
 * `npm start`'s compiled server (dist/server/start.js) on an existing embedded database (docs/decisions/062, 108):
 * one migration behind, it applies it in its step of its own before it answers anything; at the latest migration, it
 * serves without that step. Needs `npm run build` (the Next build and dist/server).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/server/db/client";
import { applyMigrations } from "../../src/server/db/migrations/apply";
import { randomSecret, startServer } from "./helpers/server";

const root = mkdtempSync(path.join(tmpdir(), "ws-start-migrations-"));
const dataDir = path.join(root, "pglite");
afterAll(() => rmSync(root, { recursive: true, force: true }));

const migrations = readdirSync("prisma/migrations", { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
const last = migrations.at(-1)!;

/** Whether audit_events has the column the last migration (…_audit_pseudonym) adds. */
async function hasPseudonymColumn(): Promise<boolean> {
  const db = await openPglite(dataDir);
  try {
    const rows = await db.queryRows({
      text: "SELECT 1 FROM information_schema.columns WHERE table_name = 'audit_events' AND column_name = 'pseudonym'",
      values: [],
    });
    return rows.length === 1;
  } finally {
    await db.close();
  }
}

async function startCompiled() {
  return startServer({ PGLITE_DATA_DIR: dataDir, AUTH_SECRET: randomSecret(), MAIL_DIR: path.join(root, "mail"), LOG_LEVEL: "info" }, { compiled: true, readyTimeoutMs: 120_000 });
}

describe("the compiled start on an existing embedded database", () => {
  it("applies a migration the database is behind on before its first answer, then starts without the step", async () => {
    expect(last).toMatch(/_audit_pseudonym$/);
    // A database as the previous release left it: every migration but the last.
    const db = await openPglite(dataDir);
    try {
      await applyMigrations(db.adapterFactory);
      await db.prisma.$executeRawUnsafe('DROP INDEX "audit_events_pseudonym_idx"');
      await db.prisma.$executeRawUnsafe('ALTER TABLE "audit_events" DROP COLUMN "pseudonym"');
      await db.prisma.$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${last}`;
    } finally {
      await db.close();
    }
    expect(await hasPseudonymColumn()).toBe(false);

    const behind = await startCompiled();
    try {
      // The first 200 of /api/health (what startServer waited for) came after the migration: nothing answered before.
      const health = (await (await fetch(`${behind.url}/api/health`)).json()) as { migrations: number };
      expect(health.migrations).toBe(migrations.length);
      expect(behind.log()).toContain('"applied":["' + last + '"]');
    } finally {
      await behind.kill();
    }
    expect(await hasPseudonymColumn()).toBe(true);

    const latest = await startCompiled();
    try {
      const health = (await (await fetch(`${latest.url}/api/health`)).json()) as { migrations: number };
      expect(health.migrations).toBe(migrations.length);
      expect(latest.log()).toContain("database schema is up to date");
      expect(latest.log()).not.toContain('"applied"');
    } finally {
      await latest.kill();
    }
  }, 600_000); // three PGlite opens and two server starts: a minute on a quiet machine, far more on a loaded one
});
