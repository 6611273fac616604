/** `npm run db:migrate`: applies prisma/migrations to the configured database (PGlite by default). */
import { ConfigError, getConfig } from "../src/server/config";
import { openDatabase } from "../src/server/db/client";
import { DatabaseLockedError } from "../src/server/db/pglite-lock";
import { applyMigrations } from "../src/server/db/migrations/apply";

try {
  const config = getConfig();
  const db = await openDatabase(config);
  try {
    const applied = await applyMigrations(db.adapterFactory);
    const where = db.kind === "pglite" ? `embedded PGlite in ${config.PGLITE_DATA_DIR}` : "PostgreSQL server";
    process.stdout.write(
      applied.length === 0
        ? `Database (${where}) is up to date.\n`
        : `Applied ${applied.length} migration(s) to the ${where}:\n${applied.map((n) => `  ${n}\n`).join("")}`,
    );
  } finally {
    await db.close();
  }
  // The schema engine leaves a timer behind for some seconds; nothing else is pending.
  process.exit(0);
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DatabaseLockedError;
  process.stderr.write(`db:migrate failed: ${known ? (error as Error).message : String(error)}\n`);
  process.exit(1);
}
