/**
 * `npm run bench:list-cpu [-- --servers=dist/server,dist/server-before --kinds=list-trpc,list-rest,get-trpc --rounds=3 --seconds=5 --workflows=10000 --cpu-prof]`
 *
 * The list's CPU time per request on the compiled server (issue 13, docs/benchmarks.md "the list's profile"):
 * one or more builds of `dist/server` side by side, each beside the bare floor (scripts/bench-api/floor-server.ts),
 * on PostgreSQL (127.0.0.1:5432 or BENCH_PG_URL) with the API benchmark's data (10,000 workflows of ~2 KB for one
 * person). Every server runs as `npm start` runs it (its V8 heap cap from package.json, LOG_LEVEL=info) and is idle
 * while another is loaded; each round loads the floor's list, then every server's tRPC list and REST list (the servers'
 * order rotating by round), 32 connections after a warm-up, each load from its own process. The figure is the
 * server's CPU time (user + system, /proc) per answer — steady on a shared machine where req/s swings — and its
 * ratio to the floor's in the same round; the medians over the rounds are printed. `--kinds=get-trpc` measures the
 * get (beside the floor's get) instead, or with the lists.
 *
 * `--cpu-prof` writes each server's V8 CPU profile into bench-results/profiles/ when it stops. Needs a production
 * build in .next-bench (NEXT_DIST_DIR; `npm run bench:api` makes one) and the compiled servers named.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { openPostgres } from "../src/server/db/client";
import { applyMigrations } from "../src/server/db/migrations/apply";
import { LIST_INPUT, type LoadResult, type ScenarioSpec } from "./bench-api/load";
import { seed } from "./bench-api/seed";
import { type AppServer, freePort, readCpuMs, REPO_ROOT, startAppServer } from "./bench-api/server";
import { waitFor } from "./bench-api/wait";
import { median } from "./lib/median";
import { createOwnDatabase, DEFAULT_SERVER_URL } from "./lib/postgres-admin";

const argv = process.argv.slice(2);
const option = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const SERVERS = (option("servers") ?? "dist/server").split(",");
const ROUNDS = Number(option("rounds") ?? 3);
const SECONDS = Number(option("seconds") ?? 5);
const WORKFLOWS = Number(option("workflows") ?? 10_000);
/** The app's loads measured, each beside the floor's list or get: `--kinds=get-trpc` profiles the get. */
const KINDS = (option("kinds") ?? "list-trpc,list-rest").split(",") as ("list-trpc" | "list-rest" | "get-trpc")[];
const CONNECTIONS = 32;
const PASSWORD = "bench-password-1234";
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-bench";
const say = (line: string) => process.stdout.write(`[bench:list-cpu] ${line}\n`);

/** npm start's heap cap (decision 082), read from package.json as `npm run bench:api` does. */
function heapCap(): string {
  const start = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const megabytes = process.env.SERVER_MAX_OLD_SPACE_MB || /\$\{SERVER_MAX_OLD_SPACE_MB:-(\d+)\}/.exec(start)?.[1];
  return megabytes && megabytes !== "0" ? `--max-old-space-size=${megabytes}` : "";
}

/** One load from scripts/bench-api/load.ts in its own process; the CPU time `pid` spent per answer (warm-up included). */
async function load(spec: ScenarioSpec, pid: number): Promise<{ result: LoadResult; cpuMs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "ws-bench-list-cpu-"));
  try {
    writeFileSync(path.join(dir, "spec.json"), JSON.stringify(spec));
    const before = readCpuMs(pid);
    const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "scripts/bench-api/load.ts"), path.join(dir, "spec.json"), path.join(dir, "out.json")], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "inherit", "inherit"],
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const spent = readCpuMs(pid) - before;
    if (code !== 0) throw new Error(`load driver failed (exit ${code})`);
    const out = JSON.parse(readFileSync(path.join(dir, "out.json"), "utf8")) as { main: LoadResult; warmupRequests: number };
    if (out.main.errors > 0) throw new Error(`${spec.kind} on ${spec.baseUrl}: ${out.main.errors} errors`);
    return { result: out.main, cpuMs: spent / Math.max(1, out.main.requests + out.warmupRequests) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function logIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`log-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const floorKindOf = (kind: string) => (kind.startsWith("get") ? "floor-get" : "floor-list");

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  const own = await createOwnDatabase(process.env.BENCH_PG_URL ?? DEFAULT_SERVER_URL, "ws_bench");
  const started: AppServer[] = [];
  let floor: ReturnType<typeof spawn> | undefined;
  try {
    const db = await openPostgres({ DATABASE_URL: own.url, DATABASE_POOL_MAX: 10, DATABASE_TIMEOUT_MS: 5_000, PGLITE_DATA_DIR: "" });
    let seeded: Awaited<ReturnType<typeof seed>>;
    try {
      await applyMigrations(db.adapterFactory);
      seeded = await seed(db, { users: 1, workflowsForMain: WORKFLOWS, password: PASSWORD, log: say });
    } finally {
      await db.close();
    }

    const floorPort = await freePort();
    floor = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "scripts/bench-api/floor-server.ts")], {
      cwd: REPO_ROOT,
      env: { ...process.env, FLOOR_PG_URL: own.url, FLOOR_POOL_MAX: "10", FLOOR_PORT: String(floorPort), FLOOR_OWNER_ID: seeded.main.id },
      stdio: ["ignore", "inherit", "inherit"],
    });
    await waitFor(`http://127.0.0.1:${floorPort}/health`, 30_000);

    const cap = heapCap();
    const profiles = path.join(REPO_ROOT, "bench-results", "profiles");
    for (const serverDir of SERVERS) {
      const server = await startAppServer({
        port: await freePort(),
        distDir: DIST_DIR,
        compiled: true,
        serverDir,
        env: { DATABASE_URL: own.url, AUTH_SECRET: randomBytes(48).toString("base64url"), WORKFLOW_LIMIT_PER_USER: String(WORKFLOWS + 1000) },
        nodeArgs: [...(cap ? [cap] : []), ...(argv.includes("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${profiles}`] : [])],
      });
      started.push(server);
      say(`${serverDir}: pid ${server.pid} on ${server.url}`);
    }
    const tokens = await Promise.all(started.map((server) => logIn(server.url, seeded.main.email)));
    // Every server answers the same bytes for the same list (the change under test must not alter an answer).
    const bodies = await Promise.all(
      started.map(async (server, i) => {
        const res = await fetch(`${server.url}/api/trpc/workflow.list?input=${LIST_INPUT}`, { headers: { authorization: `Bearer ${tokens[i]}` } });
        return res.text();
      }),
    );
    if (new Set(bodies).size !== 1) throw new Error("the servers answer the list with different bytes");

    const ids = seeded.workflowIds;
    const base = { connections: CONNECTIONS, durationSeconds: SECONDS, warmupSeconds: 2 };
    const cpu: Record<string, number[]> = {};
    const note = (key: string, value: number) => (cpu[key] ??= []).push(value);
    // Each server's CPU per answer ÷ the first server's in the same round: the steadiest figure on a loaded machine.
    const pairs: Record<string, number[]> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const floorCpus: Record<string, number> = {};
      for (const floorKind of new Set(KINDS.map(floorKindOf))) {
        floorCpus[floorKind] = (await load({ ...base, kind: floorKind, ids, baseUrl: `http://127.0.0.1:${floorPort}` }, floor.pid!)).cpuMs;
        note(floorKind, floorCpus[floorKind]);
      }
      const order = started.map((_, i) => (i + round) % started.length);
      const thisRound: Record<string, number> = {};
      for (const i of order) {
        const server = started[i]!;
        for (const kind of KINDS) {
          const floorCpu = floorCpus[floorKindOf(kind)]!;
          const { result, cpuMs } = await load({ ...base, kind, ids, baseUrl: server.url, accessToken: tokens[i] }, server.pid);
          note(`${SERVERS[i]} ${kind}`, cpuMs);
          thisRound[`${i} ${kind}`] = cpuMs;
          note(`${SERVERS[i]} ${kind} ×floor`, cpuMs / floorCpu);
          say(`round ${round + 1} ${SERVERS[i]} ${kind}: ${cpuMs.toFixed(3)} ms CPU/req (${(cpuMs / floorCpu).toFixed(2)}× the floor's ${floorCpu.toFixed(3)}), ${Math.round(result.rps)} req/s`);
        }
      }
      for (let i = 1; i < started.length; i++) {
        for (const kind of KINDS) (pairs[`${SERVERS[i]} ÷ ${SERVERS[0]} ${kind}`] ??= []).push(thisRound[`${i} ${kind}`]! / thisRound[`0 ${kind}`]!);
      }
    }
    say(`load average at the start ${loadAtStart.map((v) => v.toFixed(1)).join(" ")}, at the end ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`);
    process.stdout.write(`\nmedians over ${ROUNDS} rounds (${CONNECTIONS} connections, ${SECONDS} s, PostgreSQL, ${WORKFLOWS} workflows, ${cap || "no heap cap"}):\n`);
    for (const [key, values] of Object.entries(cpu)) {
      process.stdout.write(`  ${key.padEnd(40)} ${median(values).toFixed(key.endsWith("×floor") ? 2 : 3)}${key.endsWith("×floor") ? "×" : " ms"}\n`);
    }
    for (const [key, values] of Object.entries(pairs)) {
      process.stdout.write(`  ${key.padEnd(56)} ${median(values).toFixed(2)} (rounds: ${values.map((v) => v.toFixed(2)).join(", ")})\n`);
    }
  } finally {
    await Promise.all(started.map((server) => server.kill("SIGTERM")));
    floor?.kill("SIGTERM");
    await own.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:list-cpu failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
