/**
 * `npm run bench:api [-- --quick] [--no-build | --skip-build] [--only=postgres|pglite] [--workflows=N] [--no-peer] [--cpu-prof]`
 *
 * --no-build skips the build when it is newer than every source; --skip-build serves whatever build is there.
 * The app is the compiled server (dist/server/start.js, what `npm start` runs); --tsx serves src/server/main.ts.
 * BENCH_PG_URL picks another PostgreSQL server. The app server gets npm start's V8 heap cap (package.json; set
 * SERVER_MAX_OLD_SPACE_MB to change it, 0 for V8's default), or BENCH_SERVER_NODE_OPTIONS as NODE_OPTIONS instead.
 *
 * Builds for production (into .next-bench) and the peer (./peer.ts, into .next-bench-peer), then for PostgreSQL (a
 * database of its own on 127.0.0.1:5432, or BENCH_PG_URL) and for the embedded PGlite (a temporary folder):
 * migrates and seeds one person with 10,000 workflows of about 2 KB plus 100 other people, measures the floor (the
 * same SQL from a bare node:http server), then the app, then (PostgreSQL only; --no-peer skips it) the peer — the
 * standard stack answering the same list and get — and `npm start`'s start-up time and idle memory; each load
 * driven by autocannon from a second process. Prints a table and the targets, and writes
 * bench-results/api-<date>.json.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { openPglite, openPostgres, type Database } from "../../src/server/db/client";
import { applyMigrations } from "../../src/server/db/migrations/apply";
import { buildIsFresh } from "../lib/build-freshness";
import { ensureBuild } from "./build";
import { LIST_INPUT, type LoadResult, type ScenarioKind, type ScenarioSpec } from "./load";
import { createOwnDatabase, DEFAULT_SERVER_URL } from "../lib/postgres-admin";
import { type BenchReport, evaluate, formatReport, machine, type ModeSummary, type ScenarioRow, writeReport } from "./report";
import { ensurePeerBuild, peerInput, startPeer } from "./peer";
import { seed, sampleCode, type SeedResult } from "./seed";
import { freePort, readCpuMs, readMemory, REPO_ROOT, sampleMemory, startAppServer } from "./server";
import { measureStartup, type StartupResult } from "./startup";
import { waitFor } from "./wait";

const args = new Set(process.argv.slice(2));
const option = (name: string) => process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const quick = args.has("--quick");
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-bench";
const CONNECTIONS = 32;
const DURATION = quick ? 2 : 10;
const WARMUP = quick ? 1 : 3;
const WORKFLOWS = Number(option("workflows") ?? 10_000);
const OTHER_USERS = 100;
const PASSWORD = "bench-password-1234";
const only = option("only");
const PG_SERVER = process.env.BENCH_PG_URL ?? DEFAULT_SERVER_URL;
const withPeer = !args.has("--no-peer");

/**
 * The app server's NODE_OPTIONS: BENCH_SERVER_NODE_OPTIONS when set, else what `npm start` gives the server —
 * package.json's `--max-old-space-size=${SERVER_MAX_OLD_SPACE_MB:-N}` (decision 082), read from there.
 */
function serverNodeOptions(): string {
  if (process.env.BENCH_SERVER_NODE_OPTIONS !== undefined) return process.env.BENCH_SERVER_NODE_OPTIONS;
  const start = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const megabytes = process.env.SERVER_MAX_OLD_SPACE_MB || /\$\{SERVER_MAX_OLD_SPACE_MB:-(\d+)\}/.exec(start)?.[1];
  return megabytes ? `--max-old-space-size=${megabytes}` : "";
}
const SERVER_NODE_OPTIONS = serverNodeOptions();

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

/**
 * Runs one load from a second process while sampling the memory of the process under load, and counts that
 * process's CPU time per request served (warm-up included on both sides; not for the mixed list-under-login load).
 */
async function drive(
  spec: ScenarioSpec,
  pid: number,
  options: { tree?: boolean } = {},
): Promise<{ main: LoadResult; login?: LoadResult; peakRss: number; cpuMsPerRequest?: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "ws-bench-load-"));
  const specFile = path.join(dir, "spec.json");
  const resultFile = path.join(dir, "result.json");
  writeFileSync(specFile, JSON.stringify(spec));
  const memory = sampleMemory(pid, 100, options);
  const cpuBefore = readCpuMs(pid, options);
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "scripts/bench-api/load.ts"), specFile, resultFile], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const cpuMs = readCpuMs(pid, options) - cpuBefore;
  const { peakRss } = memory.stop();
  if (code !== 0) throw new Error(`load driver for ${spec.kind} failed (exit ${code})`);
  const result = JSON.parse(readFileSync(resultFile, "utf8")) as { main: LoadResult; login?: LoadResult; warmupRequests: number };
  rmSync(dir, { recursive: true, force: true });
  const served = result.main.requests + result.warmupRequests;
  return { main: result.main, login: result.login, peakRss, ...(result.login || served === 0 ? {} : { cpuMsPerRequest: cpuMs / served }) };
}

interface ModeSetup {
  mode: "postgres" | "pglite";
  env: Record<string, string>;
  floorEnv: Record<string, string>;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

async function setupMode(mode: "postgres" | "pglite"): Promise<ModeSetup> {
  if (mode === "postgres") {
    const own = await createOwnDatabase(PG_SERVER, "ws_bench");
    log(`PostgreSQL database ${own.name}`);
    return {
      mode,
      env: { DATABASE_URL: own.url },
      floorEnv: { FLOOR_PG_URL: own.url, FLOOR_POOL_MAX: "10" },
      open: () => openPostgres({ DATABASE_URL: own.url, DATABASE_POOL_MAX: 10, DATABASE_TIMEOUT_MS: 5_000, PGLITE_DATA_DIR: "" }),
      cleanup: () => own.drop(),
    };
  }
  const root = mkdtempSync(path.join(tmpdir(), "ws-bench-pglite-"));
  const dir = path.join(root, "pglite");
  log(`PGlite folder ${dir}`);
  return {
    mode,
    env: { PGLITE_DATA_DIR: dir },
    floorEnv: { FLOOR_PGLITE_DIR: dir },
    open: () => openPglite(dir),
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
}

async function measureFloor(setup: ModeSetup, seeded: SeedResult, rows: ScenarioRow[]): Promise<{ list: LoadResult; get: LoadResult; peakRss: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "scripts/bench-api/floor-server.ts")], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...setup.floorEnv, FLOOR_PORT: String(port), FLOOR_OWNER_ID: seeded.main.id },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    await waitFor(`http://127.0.0.1:${port}/health`, 30_000);
    const base = { baseUrl: `http://127.0.0.1:${port}`, connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP };
    log("floor: list");
    const list = await drive({ ...base, kind: "floor-list" }, child.pid!);
    log("floor: get");
    const get = await drive({ ...base, kind: "floor-get", ids: seeded.workflowIds }, child.pid!);
    const hwm = readMemory(child.pid!)?.hwm ?? 0;
    rows.push({ mode: setup.mode, scenario: "floor list (bare pg)", kind: "floor-list", result: list.main, peakRss: list.peakRss, cpuMsPerRequest: list.cpuMsPerRequest });
    rows.push({ mode: setup.mode, scenario: "floor get (bare pg)", kind: "floor-get", result: get.main, peakRss: get.peakRss, cpuMsPerRequest: get.cpuMsPerRequest });
    if (setup.mode === "pglite") {
      rows.at(-2)!.scenario = "floor list (bare PGlite)";
      rows.at(-1)!.scenario = "floor get (bare PGlite)";
    }
    return { list: list.main, get: get.main, peakRss: hwm };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

async function logInFor(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`log-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function responseBytes(url: string, token: string): Promise<number> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, "accept-encoding": "identity" } });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return body.byteLength;
}

/** The first page's ids and one workflow as an API answers them: the peer must answer the same before it is compared. */
async function sameAnswers(app: { url: string; token: string }, peer: { url: string; token: string }, id: string): Promise<void> {
  const json = async (url: string, token: string) => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { result: { data: unknown } }).result.data;
  };
  type Item = { id: string; name: string; version: number; code?: string };
  const appList = (await json(`${app.url}/api/trpc/workflow.list?input=${LIST_INPUT}`, app.token)) as { items: Item[] };
  const peerList = ((await json(`${peer.url}/api/trpc/workflow.list?input=${peerInput({ limit: 50 })}`, peer.token)) as { json: { items: Item[] } }).json;
  const ids = (list: { items: Item[] }) => list.items.map((item) => item.id).join(",");
  if (ids(appList) !== ids(peerList)) throw new Error("peer: its first page of workflow.list differs from the app's");
  const appGet = (await json(`${app.url}/api/trpc/workflow.get?input=${encodeURIComponent(JSON.stringify({ id }))}`, app.token)) as Item;
  const peerGet = ((await json(`${peer.url}/api/trpc/workflow.get?input=${peerInput({ id })}`, peer.token)) as { json: Item }).json;
  if (appGet.code !== peerGet.code || appGet.name !== peerGet.name || appGet.version !== peerGet.version) {
    throw new Error(`peer: its workflow.get of ${id} differs from the app's`);
  }
}

interface AppMeasured {
  summary: Omit<ModeSummary, "seedMs" | "startup" | "peer">;
  /** Compares a running peer's answers with the app's (the app still running, idle). */
  check(peer: { url: string; token: string }): Promise<void>;
  stop(): Promise<void>;
}

async function measureApp(setup: ModeSetup, seeded: SeedResult, floor: Awaited<ReturnType<typeof measureFloor>>, rows: ScenarioRow[]): Promise<AppMeasured> {
  const mode = setup.mode;
  const port = await freePort();
  const server = await startAppServer({
    port,
    distDir: DIST_DIR,
    // What `npm start` runs: the compiled server on plain node (--tsx: src/server/main.ts under tsx, as before).
    compiled: !args.has("--tsx"),
    env: {
      ...setup.env,
      AUTH_SECRET: randomBytes(48).toString("base64url"),
      WORKFLOW_LIMIT_PER_USER: String(WORKFLOWS + 1000),
      // npm start's heap cap, or e.g. SERVER_MAX_OLD_SPACE_MB=0 (V8's default) to see what the cap does.
      ...(SERVER_NODE_OPTIONS ? { NODE_OPTIONS: SERVER_NODE_OPTIONS } : {}),
    },
    ...(args.has("--cpu-prof") ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${path.join(REPO_ROOT, "bench-results", "profiles")}`] } : {}),
  });
  log(`app (${mode}) serving on ${server.url}, pid ${server.pid}, log ${server.logFile}`);
  try {
    const token = await logInFor(server.url, seeded.main.email);
    const listBytes = {
      trpc: await responseBytes(`${server.url}/api/trpc/workflow.list?input=${LIST_INPUT}`, token),
      rest: await responseBytes(`${server.url}/api/workflows?limit=50`, token),
    };
    const base = { baseUrl: server.url, connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, accessToken: token };
    const record = (scenario: string, kind: ScenarioKind, result: Awaited<ReturnType<typeof drive>>, floorOf?: LoadResult) => {
      rows.push({
        mode,
        scenario,
        kind,
        result: result.main,
        peakRss: result.peakRss,
        cpuMsPerRequest: result.cpuMsPerRequest,
        // Ratios only when both loads completed requests (a load that got none through on a loaded machine has no p50).
        ...(floorOf && floorOf.requests > 0 && result.main.requests > 0
          ? {
              floor: { scenario: kind, p50: floorOf.p50, p99: floorOf.p99, rps: floorOf.rps },
              ratio: result.main.p50 / floorOf.p50,
              floorRpsRatio: floorOf.rps / result.main.rps,
            }
          : {}),
      });
    };

    log("app: workflow.list");
    const listTrpc = await drive({ ...base, kind: "list-trpc" }, server.pid);
    record("workflow.list (tRPC)", "list-trpc", listTrpc, floor.list);
    log("app: GET /api/workflows");
    record("GET /api/workflows", "list-rest", await drive({ ...base, kind: "list-rest" }, server.pid), floor.list);
    log("app: workflow.get");
    record("workflow.get (tRPC)", "get-trpc", await drive({ ...base, kind: "get-trpc", ids: seeded.workflowIds }, server.pid), floor.get);
    // The peak so far: start-up and the list/get loads, before any save or log-in.
    const readsPeakRss = readMemory(server.pid)?.hwm ?? 0;
    log("app: workflow.save");
    // Many more workflows than connections, each saved by one request at a time with the version it holds.
    const saveTargets = seeded.workflowIds.slice(0, CONNECTIONS * 5).map((id, i) => ({
      id,
      name: `Saved by the benchmark ${i}`,
      code: sampleCode(i),
      version: 1,
    }));
    record("workflow.save (tRPC)", "save-trpc", await drive({ ...base, kind: "save-trpc", saveTargets }, server.pid));
    const logins = seeded.others.map((user) => ({ email: user.email, password: PASSWORD }));
    log("app: log-in");
    record("POST /api/auth/token", "login", await drive({ ...base, kind: "login", logins }, server.pid));
    log("app: workflow.list while 16 connections log in");
    const underLogin = await drive({ ...base, kind: "list-under-login", logins, loginConnections: 16 }, server.pid);
    record("list during 16 log-ins", "list-under-login", underLogin);
    const memory = readMemory(server.pid);
    return {
      summary: {
        mode,
        serverPeakRss: memory?.hwm ?? 0,
        readsPeakRss,
        floorPeakRss: floor.peakRss,
        listResponseBytes: listBytes,
        listUnderLoginP99: underLogin.main.p99,
        listUnloadedP99: listTrpc.main.p99,
        loginDuringListRps: underLogin.login?.rps ?? 0,
      },
      check: (peer) => sameAnswers({ url: server.url, token }, peer, seeded.workflowIds.at(-1)!),
      stop: () => server.kill("SIGTERM"),
    };
  } catch (error) {
    await server.kill("SIGTERM");
    throw error;
  }
}

/** The peer on the same database: its answers checked against the app's (still running, idle), then its loads. */
async function measurePeer(
  setup: ModeSetup,
  seeded: SeedResult,
  app: { check(peer: { url: string; token: string }): Promise<void> },
  rows: ScenarioRow[],
): Promise<NonNullable<ModeSummary["peer"]>> {
  const peer = await startPeer({
    port: await freePort(),
    databaseUrl: setup.env.DATABASE_URL!,
    userId: seeded.main.id,
    secret: randomBytes(32).toString("base64url"),
  });
  log(`peer serving on ${peer.url}, pid ${peer.pid}`);
  try {
    await app.check(peer);
    const base = { baseUrl: peer.url, connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, accessToken: peer.token };
    log("peer: workflow.list");
    const list = await drive({ ...base, kind: "peer-list" }, peer.pid, { tree: true });
    rows.push({ mode: setup.mode, scenario: "peer workflow.list", kind: "peer-list", result: list.main, peakRss: list.peakRss, cpuMsPerRequest: list.cpuMsPerRequest });
    log("peer: workflow.get");
    const get = await drive({ ...base, kind: "peer-get", ids: seeded.workflowIds }, peer.pid, { tree: true });
    rows.push({ mode: setup.mode, scenario: "peer workflow.get", kind: "peer-get", result: get.main, peakRss: get.peakRss, cpuMsPerRequest: get.cpuMsPerRequest });
    // Our list and get against the peer's, by throughput.
    for (const row of rows) {
      if (row.mode !== setup.mode) continue;
      const peerOf = row.kind === "list-trpc" || row.kind === "list-rest" ? list.main : row.kind === "get-trpc" ? get.main : undefined;
      if (peerOf && peerOf.requests > 0 && row.result.requests > 0) row.peerRpsRatio = row.result.rps / peerOf.rps;
    }
    return { listRps: list.main.rps, getRps: get.main.rps, peakRss: Math.max(list.peakRss, get.peakRss) };
  } finally {
    await peer.stop();
  }
}

async function measureStartupOf(setup: ModeSetup): Promise<ModeSummary["startup"]> {
  // `npm start` rebuilds when the sources are newer than the build: that would time a build, not a start.
  if (!buildIsFresh(DIST_DIR, REPO_ROOT)) return { skipped: `the build in ${DIST_DIR} is older than the sources (--skip-build)` };
  log("npm start: time to the first 200 of /api/health, then idle memory");
  const result: StartupResult = await measureStartup({
    port: await freePort(),
    distDir: DIST_DIR,
    env: {
      ...setup.env,
      AUTH_SECRET: randomBytes(48).toString("base64url"),
      // npm start puts the cap on its own command line; the knob reaches it through the environment.
      SERVER_MAX_OLD_SPACE_MB: process.env.SERVER_MAX_OLD_SPACE_MB,
      ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
    },
  });
  return result;
}

async function benchMode(mode: "postgres" | "pglite", rows: ScenarioRow[]): Promise<ModeSummary> {
  const setup = await setupMode(mode);
  try {
    const seedStarted = Date.now();
    const db = await setup.open();
    let seeded: SeedResult;
    try {
      await applyMigrations(db.adapterFactory);
      seeded = await seed(db, { users: OTHER_USERS + 1, workflowsForMain: WORKFLOWS, password: PASSWORD, log });
    } finally {
      await db.close();
    }
    const seedMs = Date.now() - seedStarted;

    // The floor first: PGlite is one process per folder, so the floor and the app take turns on it.
    const floor = await measureFloor(setup, seeded, rows);
    const app = await measureApp(setup, seeded, floor, rows);
    let peer: ModeSummary["peer"];
    try {
      // The peer needs PostgreSQL (Prisma's pg adapter); it runs while the app is idle, whose answers it must match.
      if (mode === "postgres" && withPeer) peer = await measurePeer(setup, seeded, app, rows);
    } finally {
      await app.stop();
    }
    const startup = await measureStartupOf(setup);
    return { ...app.summary, seedMs, peer, startup };
  } finally {
    await setup.cleanup();
  }
}

async function main() {
  const loadAtStart = os.loadavg();
  ensureBuild(DIST_DIR, { skipIfFresh: args.has("--no-build"), never: args.has("--skip-build"), log });
  if (withPeer && only !== "pglite") ensurePeerBuild({ never: args.has("--skip-build"), log });
  const rows: ScenarioRow[] = [];
  const modes: ModeSummary[] = [];
  for (const mode of ["postgres", "pglite"] as const) {
    if (only && only !== mode) continue;
    modes.push(await benchMode(mode, rows));
  }
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: machine(loadAtStart),
    options: {
      quick,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP,
      serverNodeOptions: SERVER_NODE_OPTIONS,
    },
    rows,
    modes,
    targets: evaluate(rows, modes),
  };
  process.stdout.write(`\n${formatReport(report)}\n`);
  log(`wrote ${writeReport(report, path.join(REPO_ROOT, "bench-results"))}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:api failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
