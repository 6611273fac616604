import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { readMigrationsList } from "./migrations-list";
import { NO_FILTERS, openSchemaEngine } from "./schema-engine";

/**
 * Applies the pending migrations of `prisma/migrations` and records them in `_prisma_migrations`,
 * exactly as `prisma migrate deploy` does. Returns the names applied by this call.
 *
 * On PostgreSQL the engine takes a session-level advisory lock (so concurrent migrators take turns) and relies on
 * its connection closing to release it, as the CLI's process exits. Here the process lives on, so the connections
 * the engine opened are disposed once it is done: otherwise the lock stays held by an idle connection and every
 * other instance starting on the same database times out waiting for it.
 */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const opened: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    return adapter;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: () => track(adapterFactory.connect()),
    connectToShadowDb: () => track(adapterFactory.connectToShadowDb()),
  };
  const engine = await openSchemaEngine(tracked);
  try {
    const result = await engine.applyMigrations({ migrationsList: await readMigrationsList(), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}
