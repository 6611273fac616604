/**
 * The database of this process: the embedded PGlite (default) or a PostgreSQL server (`DATABASE_URL`),
 * both behind the same generated Prisma client. Opened once per process and kept on `globalThis`,
 * so Next's hot reload and the bundled route handlers share the instance the server opened.
 */
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { AppConfig } from "../config";
import { log } from "../log";
import { PrismaClient } from "./generated/client";
import { pgliteExtensions } from "./pglite-extensions";
import { pgliteStartParams } from "./pglite-settings";
import { lockDataFolder } from "./pglite-lock";

export type DatabaseKind = "pglite" | "postgres";

/** A statement built with `Prisma.sql` (its `text` with $1… placeholders, its `values`). */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * One read statement straight through the driver Prisma uses (pg's pool, or PGlite), outside any transaction: the
   * rows as the driver parses them. For the hot list query only (issue 13's profile: Prisma's raw-query pipeline was
   * ~10 % of a list request's CPU); everything else goes through `prisma`.
   */
  queryRows<T>(statement: SqlStatement): Promise<T[]>;
  close(): Promise<void>;
}

type DatabaseOptions = Pick<AppConfig, "DATABASE_URL" | "DATABASE_POOL_MAX" | "DATABASE_TIMEOUT_MS" | "PGLITE_DATA_DIR">;

/** Opens a PostgreSQL server database through a pooled `pg` adapter. */
export async function openPostgres(options: DatabaseOptions & { DATABASE_URL: string }): Promise<Database> {
  const [{ PrismaPg }, { default: pg }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
  const poolConfig = {
    connectionString: options.DATABASE_URL,
    max: options.DATABASE_POOL_MAX,
    connectionTimeoutMillis: options.DATABASE_TIMEOUT_MS,
    query_timeout: options.DATABASE_TIMEOUT_MS * 2,
    idleTimeoutMillis: 30_000,
  };
  // The client's adapter is given the pool (rather than its settings, from which it would make the same pool) so that
  // `queryRows` shares its connections; the adapter never ends a pool it was given: `close` does.
  const pool = new pg.Pool(poolConfig);
  // A connection that fails while idle (the server restarted, the database dropped) is removed by the pool, which
  // then emits "error": without a listener of ours that would be an uncaught exception. Prisma's adapter listens only
  // while it is connected, and not on a pool it was given once it disconnects.
  pool.on("error", (error) => {
    log.warn({ err: { message: error.message, code: (error as { code?: unknown }).code } }, "an idle database connection failed; the pool replaces it");
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Migrations keep a pool of their own, ended when they are done (as before): the schema engine takes a session-level
  // advisory lock, which only the end of its connection is sure to release — in a shared pool it would outlive the
  // migration and hold every other instance's start (tests/system/scale-out.test.ts).
  const adapterFactory = new PrismaPg(poolConfig);
  return {
    kind: "postgres",
    prisma,
    adapterFactory,
    queryRows: async <T>({ text, values }: SqlStatement) => (await pool.query(text, values)).rows as T[],
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Opens a PGlite instance (a data folder, or in memory when `dataDir` is undefined) through its adapter. */
export async function openPglite(
  dataDir: string | undefined,
  extra: { loadDataDir?: Blob } = {},
): Promise<Database> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const lock = dataDir ? lockDataFolder(dataDir) : undefined;
  try {
    const pglite = await PGlite.create(dataDir, {
      extensions: pgliteExtensions,
      startParams: await pgliteStartParams(),
      ...(extra.loadDataDir ? { loadDataDir: extra.loadDataDir } : {}),
    });
    const adapterFactory = new PrismaPGlite(pglite);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      kind: "pglite",
      prisma,
      adapterFactory,
      queryRows: async <T>({ text, values }: SqlStatement) => (await pglite.query<T>(text, values)).rows,
      close: async () => {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

export function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.DATABASE_URL
    ? openPostgres({ ...options, DATABASE_URL: options.DATABASE_URL })
    : openPglite(options.PGLITE_DATA_DIR);
}

const globalForDb = globalThis as unknown as { __workflowStudioDb?: Promise<Database> };

/** Installs the process's database (the server at start, a test file for its own database). */
export function setDatabase(db: Database | Promise<Database> | undefined): void {
  globalForDb.__workflowStudioDb = db === undefined ? undefined : Promise.resolve(db);
}

/** The process's database, opened on first use from the configuration. Never called during `next build`. */
export async function getDatabase(): Promise<Database> {
  if (!globalForDb.__workflowStudioDb) {
    const { getConfig } = await import("../config");
    const opening = openDatabase(getConfig());
    globalForDb.__workflowStudioDb = opening;
    opening.catch(() => {
      if (globalForDb.__workflowStudioDb === opening) globalForDb.__workflowStudioDb = undefined;
    });
  }
  return globalForDb.__workflowStudioDb;
}
