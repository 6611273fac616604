/**
 * Production app servers for the system tests: the build in NEXT_DIST_DIR (or .next) served by src/server/main.ts
 * in a child process on a port of its own. The process control is the API benchmark's (scripts/bench-api/server.ts).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { type AppServer, type AppServerOptions, freePort, readMemory, REPO_ROOT, startAppServer } from "../../../scripts/bench-api/server";

export { type AppServer, freePort, readMemory };

export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";

export function assertBuildExists(): void {
  if (!existsSync(path.join(REPO_ROOT, DIST_DIR, "BUILD_ID"))) {
    throw new Error(`The system tests serve the production build in ${DIST_DIR}: run \`npm run build\` first (or set NEXT_DIST_DIR).`);
  }
}

export function randomSecret(): string {
  return randomBytes(48).toString("base64url");
}

/** Starts a production server on a free port (or `port`) with the given environment; waits for /api/health. */
export async function startServer(
  env: Record<string, string | undefined>,
  options: Partial<Omit<AppServerOptions, "env">> = {},
): Promise<AppServer> {
  assertBuildExists();
  const port = options.port ?? (await freePort());
  return startAppServer({ readyTimeoutMs: 60_000, ...options, port, env: { LOG_LEVEL: "warn", ...env }, distDir: DIST_DIR });
}
