import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { readMigrationsList } from "./migrations-list";
import { NO_FILTERS, openSchemaEngine } from "./schema-engine";

/**
 * Applies the pending migrations of `prisma/migrations` and records them in `_prisma_migrations`,
 * exactly as `prisma migrate deploy` does. Returns the names applied by this call.
 */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(adapterFactory);
  try {
    const result = await engine.applyMigrations({ migrationsList: await readMigrationsList(), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}
