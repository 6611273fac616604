/**
 * The migration step of the compiled `npm start` (dist/server/migrate.js), run by src/server/start.ts as a process of
 * its own before the server opens the database: Prisma's schema engine (WebAssembly, 15–37 MB) is loaded here and
 * leaves with this process, never kept in the serving one. Logs as the server does; exits 1 when it cannot migrate.
 */
import { getConfig } from "./config";
import { openDatabase } from "./db/client";
import { applyMigrations } from "./db/migrations/apply";
import { log } from "./log";
import { cannotStart } from "./cannot-start";

try {
  const config = getConfig();
  const db = await openDatabase(config);
  try {
    const applied = await applyMigrations(db.adapterFactory);
    log.info(
      { database: db.kind, applied, dataDir: db.kind === "pglite" ? config.PGLITE_DATA_DIR : undefined },
      applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date",
    );
  } finally {
    await db.close(); // releases the PGlite folder's lock for the server
  }
  // The schema engine leaves a timer behind for some seconds; nothing else is pending.
  log.flush();
  process.exit(0);
} catch (error) {
  cannotStart(error);
}
