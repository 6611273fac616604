/**
 * The app's HTTP server: opens the database (taking the PGlite folder's lock), applies pending migrations unless they
 * were applied by a step of their own (the compiled `npm start`: src/server/start.ts), then answers the API itself
 * (decision 060) and everything else through Next.js. It stamps every request with a request id and the client
 * address first. `tsx src/server/main.ts` (`npm run dev` with `--dev`) and `dist/server/start.mjs` (`npm start`) run it.
 */
import { createServer } from "node:http";
import next from "next";
import { keyringFromConfig, setKeyring } from "./auth/keys";
import { pruneExpiredCounters } from "./auth/rate-limit";
import { purgeTrash } from "./workflows/trash";
import { pruneExpiredShares } from "./shares/links";
import { isSharedPage, refuseSharedPageOverLimit } from "./shares/page-gate";
import { cannotStart } from "./cannot-start";
import { type AppConfig, getConfig } from "./config";
import { type Database, openDatabase, setDatabase } from "./db/client";
import { isAtLatestMigration } from "./db/migration-status";
import { serveApi } from "./api/http-routes";
import { serveDevMailbox } from "./mail/mailbox";
import { mailSettled } from "./mail/mailer";
import { errorBody } from "./errors/app-error";
import { CLIENT_REQUEST_ID_HEADER, stampRequest } from "./http/request-meta";
import { startGraphWorkers } from "./graph-work/start";
import { httpServerOptions, requestLimits } from "./limits";
import { log } from "./log";
import { strictTransportSecurity } from "./security-headers";
import { type StartTiming, startTiming } from "./start-timing";

export interface ServeOptions {
  dev: boolean;
  /**
   * Applies pending migrations in a step of its own, with this process's database closed (the compiled `npm start`:
   * src/server/start.ts, so the schema engine never loads here). Without it they are applied in this process.
   */
  migrateApart?: () => Promise<void>;
}

export async function serve({ dev, migrateApart }: ServeOptions): Promise<void> {
  const config = getConfig();
  setKeyring(keyringFromConfig(config)); // production: AUTH_SECRET was required by the configuration
  process.env.NEXTAUTH_URL ??= new URL("/api/auth", config.APP_URL).toString();
  const timing = startTiming();
  // The database opens (and migrates) while Next prepares; nothing is answered before both are done. Installed at
  // once, so whatever asks for the database meanwhile waits for this one rather than opening another.
  const opening = timing.phase("database", () => openMigratedDatabase(config, migrateApart, timing));
  setDatabase(opening);
  const app = next({ dev, dir: process.cwd(), port: config.PORT, hostname: config.HOST ?? "localhost" });
  const preparing = timing.phase("next", () => app.prepare());
  preparing.catch(() => undefined); // its failure is thrown below, once the database's own outcome is known
  // A database that cannot open (its folder in use, a failed migration) is the reason given, even when Next failed
  // first (a production start with no build).
  const db = await opening;
  await preparing;
  const handle = app.getRequestHandler();

  const pruning = setInterval(() => {
    pruneExpiredCounters(db).catch((error: unknown) => log.warn({ err: error }, "could not prune rate-limit counters"));
    purgeTrash(db).catch((error: unknown) => log.warn({ err: error }, "could not empty the trash of old workflows"));
    pruneExpiredShares(db).catch((error: unknown) => log.warn({ err: error }, "could not prune expired share links"));
  }, 10 * 60_000);
  pruning.unref();

  // Visualizing and laying out run on worker threads with a deadline, so no request holds the event loop.
  const limits = requestLimits();
  const graphWorkers = startGraphWorkers(limits.graph);

  const hsts = strictTransportSecurity(config.APP_URL); // https only (docs/decisions/042)
  const server = createServer(httpServerOptions(limits), (req, res) => {
    const started = performance.now();
    const requestId = stampRequest(req, config.TRUST_PROXY_HOPS);
    const clientRequestId = req.headers[CLIENT_REQUEST_ID_HEADER];
    res.setHeader("x-request-id", requestId);
    if (hsts) res.setHeader("strict-transport-security", hsts);
    res.on("finish", () => {
      log.info(
        {
          requestId,
          ...(clientRequestId ? { clientRequestId } : {}),
          method: req.method,
          path: req.url?.split("?")[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });
    if (!hasDecodablePath(req.url)) {
      // Next.js answers a malformed percent-escape in a dynamic segment (/api/workflows/%ZZ) with a bare 500.
      res.writeHead(400, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(errorBody("BAD_REQUEST", "The request path is not valid.", requestId)));
      return;
    }
    // The API is answered here, on our own fast path; pages, server components and next-auth by Next.
    if (serveApi(req, res)) return;
    // Development only: the mail written to MAIL_DIR when SMTP_URL is not set (docs/decisions/095).
    if (serveDevMailbox(req, res)) return;
    // A shared page (/s/<token>) is rate-limited per address before Next renders it (docs/decisions/090).
    if (isSharedPage(req.url)) {
      void refuseSharedPageOverLimit(req, res).then((refused) => (refused ? undefined : handle(req, res)));
      return;
    }
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(config.PORT, config.HOST, () => {
    log.info(
      { port: config.PORT, database: db.kind, dev, startMs: timing.done() },
      `Workflow Studio is serving on http://localhost:${config.PORT}`,
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    server.close();
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
    // Mail being sent finishes (and is audited) before the database closes.
    void mailSettled()
      .then(() => Promise.allSettled([graphWorkers.close(), db.close()]))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

/**
 * The database, at the latest migration before it is returned. When `_prisma_migrations` already matches the
 * migration folder (one query, docs/decisions/108) the schema engine is not loaded at all; otherwise the pending
 * migrations are applied by the step of their own when there is one (the database closed meanwhile: the PGlite
 * folder is one process's at a time), else here.
 */
async function openMigratedDatabase(config: AppConfig, migrateApart: ServeOptions["migrateApart"], timing: StartTiming): Promise<Database> {
  const db = await timing.phase("open", () => openDatabase(config));
  const where = { database: db.kind, dataDir: db.kind === "pglite" ? config.PGLITE_DATA_DIR : undefined };
  if (await timing.phase("check", () => isAtLatestMigration(db))) {
    log.info(where, "database schema is up to date");
    return db;
  }
  if (migrateApart) {
    await db.close();
    await timing.phase("migrations", migrateApart);
    return timing.phase("reopen", () => openDatabase(config));
  }
  try {
    // Loaded only here: the compiled server never loads the schema engine (src/server/start.ts migrates apart).
    const { applyMigrations } = await import("./db/migrations/apply");
    const applied = await timing.phase("migrations", () => applyMigrations(db.adapterFactory));
    log.info({ ...where, applied }, applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** False when the path holds a percent-escape that does not decode (e.g. `%ZZ`, or bytes that are not UTF-8). */
function hasDecodablePath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0]!;
  if (!path.includes("%")) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export { cannotStart };
