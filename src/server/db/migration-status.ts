import type { Database } from "./client";

/** How many migrations are applied (finished and not rolled back), as `_prisma_migrations` records them. */
export async function countAppliedMigrations(db: Database): Promise<number> {
  const rows = await db.prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return rows[0]?.n ?? 0;
}
