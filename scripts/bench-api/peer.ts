/**
 * The peer: the standard stack (a create-t3-app-style Next.js route handler with tRPC's fetch adapter, Prisma 7 over
 * the `pg` driver adapter, a stateless jose HS256 JWT check) answering the same `workflow.list` and `workflow.get`
 * on the same database. Its sources are the fixture in ./peer/; the benchmark copies them into the git-ignored
 * `.next-bench-peer/`, writes a Prisma schema there (the app's models and datasource under a generator with Prisma's
 * defaults), runs `prisma generate` and `next build`, and serves it with `next start` in production mode.
 *
 * The fixture is its own app: the app's typecheck and lint leave it out (tsconfig.json, eslint.config.mjs) and its own
 * `next build` type-checks it against its generated client. It uses the repository's installed packages.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { SignJWT } from "jose";
import { REPO_ROOT } from "./server";

const require = createRequire(import.meta.url);
const FIXTURE = path.join(REPO_ROOT, "scripts/bench-api/peer");
export const PEER_DIR = path.join(REPO_ROOT, ".next-bench-peer");
const STAMP = path.join(PEER_DIR, "bench-stamp.txt");
const NEXT_BIN = path.join(path.dirname(require.resolve("next/package.json")), "dist/bin/next");
const PRISMA_CLI = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");

/** What `prisma init` writes for Prisma 7, pointed at the peer's folder (the app's schema opts into "small"). */
const PEER_GENERATOR = `generator client {
  provider        = "prisma-client"
  output          = "../generated/prisma"
  previewFeatures = ["postgresqlExtensions"]
}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The peer's schema: the app's models and datasource (same tables, same database), the standard generator. */
function peerSchema(): string {
  const appSchema = readFileSync(path.join(REPO_ROOT, "prisma/schema.prisma"), "utf8");
  const schema = appSchema.replace(/^generator client \{[\s\S]*?^\}/m, PEER_GENERATOR);
  if (schema === appSchema) throw new Error("peer: prisma/schema.prisma has no `generator client { … }` block to replace");
  return schema;
}

/** A fingerprint of everything the peer's build is made from: rebuilt only when it changes. */
function fingerprint(schema: string): string {
  const hash = createHash("sha256");
  for (const file of filesUnder(FIXTURE).sort()) hash.update(path.relative(FIXTURE, file)).update(readFileSync(file));
  hash.update(schema).update(readFileSync(path.join(REPO_ROOT, "package-lock.json")));
  return hash.digest("hex");
}

function run(command: string[], cwd: string, env: Record<string, string>, what: string): void {
  const result = spawnSync(process.execPath, command, { cwd, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`peer: ${what} failed (exit ${result.status})`);
}

/** Builds the peer into .next-bench-peer/ unless the build there is from the same sources; `never`: only check. */
export function ensurePeerBuild(options: { never?: boolean; log: (line: string) => void }): void {
  const schema = peerSchema();
  const stamp = fingerprint(schema);
  const built = existsSync(path.join(PEER_DIR, ".next/BUILD_ID")) && existsSync(STAMP);
  if (built && readFileSync(STAMP, "utf8") === stamp) {
    options.log("peer: the build in .next-bench-peer is from the current fixture: not rebuilding");
    return;
  }
  if (options.never) {
    if (!built) throw new Error("--skip-build: there is no peer build in .next-bench-peer");
    options.log("--skip-build: serving the peer build in .next-bench-peer although its sources changed since");
    return;
  }
  options.log("peer: building the create-t3-app-style peer into .next-bench-peer…");
  rmSync(PEER_DIR, { recursive: true, force: true });
  cpSync(FIXTURE, PEER_DIR, { recursive: true });
  mkdirSync(path.join(PEER_DIR, "prisma"), { recursive: true });
  writeFileSync(path.join(PEER_DIR, "prisma/schema.prisma"), schema);
  // `prisma generate` never runs the schema engine; any existing file satisfies the CLI's check (scripts/prisma-generate.ts).
  run([PRISMA_CLI, "generate", "--schema", "prisma/schema.prisma"], PEER_DIR, {
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(REPO_ROOT, "package.json"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  }, "prisma generate");
  run([NEXT_BIN, "build"], PEER_DIR, { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" }, "next build");
  writeFileSync(STAMP, stamp);
}

export interface PeerServer {
  url: string;
  pid: number;
  token: string;
  stop(): Promise<void>;
}

/** A token the peer accepts for `userId`: HS256 over the peer's secret, an hour long. */
async function tokenFor(userId: string, secret: Uint8Array): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(userId).setIssuedAt().setExpirationTime("1h").sign(secret);
}

/** `next start` on the peer's build, serving once its `workflow.list` answers 200 for `userId`. */
export async function startPeer(options: { port: number; databaseUrl: string; userId: string; secret: string; readyTimeoutMs?: number }): Promise<PeerServer> {
  const token = await tokenFor(options.userId, new TextEncoder().encode(options.secret));
  const child = spawn(process.execPath, [NEXT_BIN, "start", "--port", String(options.port), "--hostname", "127.0.0.1"], {
    cwd: PEER_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl,
      PEER_JWT_SECRET: options.secret,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const probe = `${url}/api/trpc/workflow.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  let last = "no answer";
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(probe, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(2_000) });
      last = `${res.status} ${(await res.text()).slice(0, 300)}`;
      if (res.status === 200) return { url, pid: child.pid!, token, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await stop();
  throw new Error(`peer: next start did not answer workflow.list with 200 (last: ${last})`);
}

/** The peer's tRPC input for a query: superjson's envelope, as its client would send it. */
export const peerInput = (input: unknown) => encodeURIComponent(JSON.stringify({ json: input }));
