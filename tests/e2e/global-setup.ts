/**
 * Starts the production server on a fresh embedded database for the browser tests and stops it at the end:
 * `tsx src/server/main.ts` with NODE_ENV=production, a new PGlite folder, a random AUTH_SECRET and
 * APP_URL=http://127.0.0.1:<port>; mail goes to <data>/mail as .eml files (E2E_MAIL_DIR for the tests). The server runs as if behind one trusted proxy (TRUST_PROXY_HOPS=1) so each
 * test can present its own client address (X-Forwarded-For): the per-address rate limits (10 sign-ups an hour)
 * then count per test, as they would per person.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { E2E_BASE_URL, E2E_PORT } from "./env";

const HEALTH_TIMEOUT_MS = 90_000;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => probe.close(() => resolve(true)))
      .listen(port, "127.0.0.1");
  });
}

export default async function globalSetup() {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(join(distDir, "BUILD_ID"))) {
    throw new Error(
      `No production build in ./${distDir} (${distDir}/BUILD_ID is missing). Run \`${
        distDir === ".next" ? "npm run build" : `NEXT_DIST_DIR=${distDir} npm run build`
      }\` before \`npm run test:e2e\`.`,
    );
  }
  if (!(await portIsFree(E2E_PORT))) {
    throw new Error(`Port ${E2E_PORT} is in use; set E2E_PORT to a free port for the browser tests.`);
  }

  const dataDir = await mkdtemp(join(tmpdir(), "workflow-studio-e2e-"));
  mkdirSync("test-results", { recursive: true });
  const logPath = "test-results/e2e-server.log";
  const log = createWriteStream(logPath);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(E2E_PORT),
    HOST: "127.0.0.1",
    PGLITE_DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(36).toString("base64url"), // 48 characters
    AUTH_SECRET_FILE: join(dataDir, "auth-secret"),
    // No SMTP_URL and the embedded database: mail is written here as .eml files (docs/decisions/095).
    MAIL_DIR: join(dataDir, "mail"),
    APP_URL: E2E_BASE_URL,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    TRUST_PROXY_HOPS: "1",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "info",
  };
  delete env.DATABASE_URL; // always the embedded database
  delete env.SMTP_URL;
  // The tests read the mail the server wrote (/dev/mailbox is not served in production).
  process.env.E2E_MAIL_DIR = env.MAIL_DIR;
  delete env.AUTH_SECRET_PREVIOUS;
  delete env.NEXTAUTH_URL;

  const server = spawn("node_modules/.bin/tsx", ["src/server/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) => server.once("exit", (code) => ((exited = code ?? -1), resolve())));

  const started = Date.now();
  for (;;) {
    if (exited !== null) throw new Error(`The e2e server stopped at start (exit ${exited}); see ${logPath}.`);
    try {
      const response = await fetch(`${E2E_BASE_URL}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > HEALTH_TIMEOUT_MS) {
      server.kill("SIGKILL");
      throw new Error(`The e2e server did not answer /api/health within ${HEALTH_TIMEOUT_MS / 1000}s; see ${logPath}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stdout.write(`e2e server on ${E2E_BASE_URL} (build ./${distDir}, data ${dataDir}) ready in ${Date.now() - started} ms\n`);

  return async () => {
    if (exited === null) {
      server.kill("SIGTERM");
      const killer = setTimeout(() => server.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(killer);
    }
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };
}
