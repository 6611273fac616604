/**
 * A second production server on the same build, for tests that need a different configuration than the main e2e
 * server (another port, no APP_URL, …): a fresh embedded database and signing key, on a free port the system picks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ExtraServer {
  port: number;
  stop: () => Promise<void>;
}

/** A port nobody listens on right now (the system's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once("error", reject)
      .listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
      });
  });
}

/** Starts the server with `env` on top of the defaults; `unset` names variables to leave out entirely. */
export async function startExtraServer(env: Record<string, string>, unset: string[] = []): Promise<ExtraServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "workflow-studio-extra-"));
  const full: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    PGLITE_DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(36).toString("base64url"),
    AUTH_SECRET_FILE: join(dataDir, "auth-secret"),
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    ...env,
  };
  for (const name of ["DATABASE_URL", "NEXTAUTH_URL", "AUTH_SECRET_PREVIOUS", ...unset]) delete full[name];
  const server: ChildProcess = spawn("node_modules/.bin/tsx", ["src/server/main.ts"], { env: full as NodeJS.ProcessEnv, stdio: "ignore" });
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) {
      await stop();
      throw new Error(`the extra server stopped at start (exit ${server.exitCode})`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 180_000) {
      await stop();
      throw new Error("the extra server did not start within 180 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { port, stop };
}
