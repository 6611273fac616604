/**
 * Issue 12 §5: Strict-Transport-Security (max-age ≥ 1 year) on every response when APP_URL is https, and none over
 * plain http. A second production server on the same build, with APP_URL=https://…, answers on loopback (TLS ends at
 * the reverse proxy in front of it in a real deployment, so the app itself speaks http here).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { E2E_PORT } from "./env";
import { expect, test } from "./fixtures";

const PORT = E2E_PORT + 1;
const LOCAL = `http://127.0.0.1:${PORT}`;

test.describe("Strict-Transport-Security", () => {
  test.describe.configure({ mode: "serial" });
  let server: ChildProcess | undefined;
  let dataDir: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = await mkdtemp(join(tmpdir(), "workflow-studio-hsts-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      PGLITE_DATA_DIR: dataDir,
      AUTH_SECRET: randomBytes(36).toString("base64url"),
      APP_URL: `https://127.0.0.1:${PORT}`,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    };
    delete env.DATABASE_URL;
    delete env.NEXTAUTH_URL;
    server = spawn("node_modules/.bin/tsx", ["src/server/main.ts"], { env, stdio: "ignore" });
    const started = Date.now();
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the https-configured server stopped (exit ${server.exitCode})`);
      try {
        if ((await fetch(`${LOCAL}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 90_000) throw new Error("the https-configured server did not start within 90 s");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  test("is sent on pages, API answers, errors and static files when APP_URL is https", async () => {
    const home = await fetch(`${LOCAL}/`);
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await home.text())?.[1];
    expect(chunk).toBeDefined();
    for (const [path, init] of [
      ["/", {}],
      ["/login", {}],
      ["/api/health", {}],
      ["/api/me", {}],
      ["/no-such-page", {}],
      [chunk!, {}],
      ["/api/auth/token", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
    ] as const) {
      const response = await fetch(`${LOCAL}${path}`, init as RequestInit);
      const hsts = response.headers.get("strict-transport-security");
      expect(hsts, `${path} (${response.status})`).toMatch(/^max-age=\d+; includeSubDomains$/);
      expect(Number(/max-age=(\d+)/.exec(hsts!)![1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    }
    // The pages' policy upgrades any http sub-resource too.
    expect(home.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  test("is not sent when APP_URL is http (the main e2e server)", async ({ request }) => {
    for (const path of ["/", "/api/health"]) {
      const response = await request.get(path);
      expect(response.headers()["strict-transport-security"], path).toBeUndefined();
    }
  });
});
