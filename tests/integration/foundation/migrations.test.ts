import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../../../src/server/db/migrations/apply";
import { nextMigrationSql } from "../../../src/server/db/migrations/next-migration";
import { setupTestDatabase } from "../../helpers/db";

const db = setupTestDatabase();

describe("migrations on the WebAssembly schema engine", () => {
  it("records each migration in _prisma_migrations as prisma migrate deploy does", async () => {
    const dirs = (await readdir("prisma/migrations", { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const rows = await db().prisma.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null }[]>`
      SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(dirs);
    for (const row of rows) {
      const sql = await readFile(path.join("prisma/migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it("applies nothing twice", async () => {
    expect(await applyMigrations(db().adapterFactory)).toEqual([]);
  });

  it("finds no difference between the migrations and schema.prisma", async () => {
    expect(await nextMigrationSql()).toBe("");
  }, 120_000); // a scratch database (initdb) migrated and diffed: seconds on a quiet machine, far more on a loaded one

  it("the email-verification migration counts accounts that exist when it runs as verified, from their creation", async () => {
    const dir = (await readdir("prisma/migrations")).find((name) => name.endsWith("_email_verification"))!;
    const sql = await readFile(path.join("prisma/migrations", dir, "migration.sql"), "utf8");
    const backfill = /^UPDATE "users" SET "email_verified_at" = "created_at" WHERE "email_verified_at" IS NULL;$/m.exec(sql)?.[0];
    expect(backfill).toBeDefined();
    // An account as it was before the column existed (null), and one verified since: only the first changes.
    const old = await db().prisma.user.create({ data: { email: "before-verification@example.com", passwordHash: "x", createdAt: new Date("2026-01-02T03:04:05Z") } });
    const verifiedAt = new Date("2026-11-01T00:00:00Z");
    const later = await db().prisma.user.create({ data: { email: "verified-later@example.com", passwordHash: "x", emailVerifiedAt: verifiedAt } });
    await db().prisma.$executeRawUnsafe(backfill!);
    expect((await db().prisma.user.findUniqueOrThrow({ where: { id: old.id } })).emailVerifiedAt).toEqual(new Date("2026-01-02T03:04:05Z"));
    expect((await db().prisma.user.findUniqueOrThrow({ where: { id: later.id } })).emailVerifiedAt).toEqual(verifiedAt);
  });

  it("writes the SQL of a change to the schema", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ws-schema-"));
    try {
      const schema = await readFile("prisma/schema.prisma", "utf8");
      const changed = schema.replace(/model Workflow \{/, "model Workflow {\n  description String?");
      const schemaPath = path.join(dir, "schema.prisma");
      await writeFile(schemaPath, changed);
      const sql = await nextMigrationSql(schemaPath);
      expect(sql).toMatch(/ALTER TABLE "workflows" ADD COLUMN\s+"description" TEXT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000); // a scratch database, as above
});

