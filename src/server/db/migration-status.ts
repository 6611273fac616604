import { createHash } from "node:crypto";
import type { Database } from "./client";
import { readMigrationsList } from "./migrations/migrations-list";

/**
 * How many migrations are applied (finished and not rolled back), as `_prisma_migrations` records them. Straight
 * through the driver: the health check asks it, and the first health check after a start should not wait for Prisma's
 * query compiler to load (issue 13's start-up target is the first 200 of /api/health).
 */
export async function countAppliedMigrations(db: Database): Promise<number> {
  const rows = await db.queryRows<{ n: number }>({
    text: "SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    values: [],
  });
  return rows[0]?.n ?? 0;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
}

/**
 * True only when the schema engine would have nothing to do or say: every migration of `prisma/migrations` is recorded
 * in `_prisma_migrations` as finished (not rolled back) with the checksum of its file as it is now, no other migration
 * is recorded as applied, and none is failed or in progress. Anything else — no table yet, a newer migration, an
 * edited or unknown one, a failed one — is false, and the caller runs the schema engine, which applies or reports it
 * as `prisma migrate deploy` does. One query and a read of the folder: the start skips the engine (docs/decisions/108).
 */
export async function isAtLatestMigration(db: Database, baseDir?: string): Promise<boolean> {
  const [list, rows] = await Promise.all([
    readMigrationsList(baseDir),
    db
      .queryRows<MigrationRow>({
        text: `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
               FROM _prisma_migrations`,
        values: [],
      })
      .catch(() => undefined), // no _prisma_migrations yet (a new database): the engine creates it
  ]);
  if (!rows || rows.some((row) => !row.finished && !row.rolled_back)) return false;
  const applied = new Map(rows.filter((row) => !row.rolled_back).map((row) => [row.migration_name, row.checksum]));
  if (applied.size !== list.migrationDirectories.length) return false;
  return list.migrationDirectories.every(({ path: name, migrationFile }) => {
    const checksum = applied.get(name);
    return (
      checksum !== undefined &&
      migrationFile.content.tag === "ok" &&
      createHash("sha256").update(migrationFile.content.value).digest("hex") === checksum
    );
  });
}
