/**
 * `npm run bench:trpc-direct [-- --rounds=N --seconds=S]`: the server's CPU per request for tRPC GET queries answered
 * straight through `createCaller` (src/server/api/trpc-direct.ts, decision 079) against the same requests through
 * tRPC's node-http adapter, beside the bare floor (scripts/bench-api/floor-server.ts) in the same run.
 *
 * One PostgreSQL database of its own (127.0.0.1:5432 or BENCH_PG_URL), 2,000 workflows for one person. Both app
 * routes run in this process (one under load at a time: the process's CPU time over the load / the answers); the
 * floor in a child (its CPU from /proc); every load is scripts/bench-api/load.ts in another process, after an
 * unmeasured warm-up. Each scenario runs direct and through the adapter back to back (the order alternating by round),
 * so a loaded machine's drift falls between pairs; prints the medians and the median of the pairs' ratios.
 */
import { spawn } from "node:child_process";
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { median } from "./lib/median";
import { createOwnDatabase, DEFAULT_SERVER_URL } from "./lib/postgres-admin";
import type { LoadResult, ScenarioSpec } from "./bench-api/load";

process.env.LOG_LEVEL ??= "warn";
process.env.AUTH_SECRET ??= randomBytes(48).toString("base64url");
const option = (name: string, fallback: number) =>
  Number(process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const ROUNDS = option("rounds", 5);
const SECONDS = option("seconds", 3);
const CONNECTIONS = 16;
const ROOT = path.resolve(import.meta.dirname, "..");
const say = (line: string) => process.stdout.write(`[bench:trpc-direct] ${line}\n`);

/** A process's user + system CPU time in ms, from /proc (clock ticks of 10 ms). */
function procCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(spec: ScenarioSpec): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "ws-bench-direct-"));
  try {
    writeFileSync(path.join(dir, "spec.json"), JSON.stringify(spec));
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/bench-api/load.ts"), path.join(dir, "spec.json"), path.join(dir, "out.json")], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`load driver failed (exit ${code})`);
    return (JSON.parse(readFileSync(path.join(dir, "out.json"), "utf8")) as { main: LoadResult }).main;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function benchTrpcDirect() {
  // Loaded after the environment is set: the configuration and the log read it once.
  const [{ openPostgres, setDatabase }, { applyMigrations }, { seed }, { keyringFromConfig, setKeyring }, { getConfig }, http, trpc, meta] =
    await Promise.all([
      import("../src/server/db/client"),
      import("../src/server/db/migrations/apply"),
      import("./bench-api/seed"),
      import("../src/server/auth/keys"),
      import("../src/server/config"),
      import("../src/server/api/http-routes"),
      import("../src/server/api/trpc-http"),
      import("../src/server/http/request-meta"),
    ]);
  const own = await createOwnDatabase(process.env.BENCH_PG_URL ?? DEFAULT_SERVER_URL, "ws_bench_direct");
  const db = await openPostgres({ DATABASE_URL: own.url, DATABASE_POOL_MAX: 10, DATABASE_TIMEOUT_MS: 5_000, PGLITE_DATA_DIR: "" });
  const servers: Server[] = [];
  let floor: ReturnType<typeof spawn> | undefined;
  try {
    await applyMigrations(db.adapterFactory);
    const seeded = await seed(db, { users: 1, workflowsForMain: 2_000, password: "bench-password-1234", log: say });
    setDatabase(db);
    setKeyring(keyringFromConfig(getConfig()));
    const app = (route: ReturnType<typeof trpc.createTrpcRoute>) =>
      createServer((req, res) => {
        meta.stampRequest(req, 0);
        const url = new URL(req.url ?? "/", "http://localhost");
        if (url.pathname.startsWith("/api/trpc/")) void route(req, res, url, {});
        else if (!http.serveApi(req, res)) res.writeHead(404).end();
      });
    const directServer = app(trpc.createTrpcRoute());
    const adapterServer = app(trpc.createTrpcRoute(new Set()));
    servers.push(directServer, adapterServer);
    const urls = { direct: await listenOnLoopback(directServer), adapter: await listenOnLoopback(adapterServer) };
    const logIn = await fetch(`${urls.direct}/api/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: seeded.main.email, password: seeded.password }),
    });
    const { accessToken } = (await logIn.json()) as { accessToken: string };

    const floorPort = 20_000 + Math.floor(Math.random() * 20_000);
    floor = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/bench-api/floor-server.ts")], {
      cwd: ROOT,
      env: { ...process.env, FLOOR_PG_URL: own.url, FLOOR_POOL_MAX: "10", FLOOR_PORT: String(floorPort), FLOOR_OWNER_ID: seeded.main.id },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const floorUrl = `http://127.0.0.1:${floorPort}`;
    for (let i = 0; i < 200 && !(await fetch(`${floorUrl}/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));

    const missing = Array.from({ length: 50 }, () => randomUUID());
    type Spec = Omit<ScenarioSpec, "connections" | "durationSeconds" | "warmupSeconds">;
    const self = () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
    /** CPU ms per answer and answers per second of one load, after an unmeasured one-second warm-up. */
    const measure = async (spec: Spec, cpu: () => number) => {
      await load({ ...spec, connections: CONNECTIONS, durationSeconds: 1, warmupSeconds: 0 });
      const before = cpu();
      const result = await load({ ...spec, connections: CONNECTIONS, durationSeconds: SECONDS, warmupSeconds: 0 });
      return { cpuMs: (cpu() - before) / Math.max(1, result.requests), rps: result.rps, statuses: result.statusCounts };
    };
    const floorCpu = () => procCpuMs(floor!.pid!);
    const scenarios: Array<{ name: string; floor: "list" | "get"; spec: (baseUrl: string) => Spec }> = [
      { name: "workflow.list", floor: "list", spec: (baseUrl) => ({ kind: "list-trpc", baseUrl, accessToken }) },
      { name: "workflow.get", floor: "get", spec: (baseUrl) => ({ kind: "get-trpc", baseUrl, accessToken, ids: seeded.workflowIds }) },
      { name: "workflow.get 404", floor: "get", spec: (baseUrl) => ({ kind: "get-trpc", baseUrl, accessToken, ids: missing }) },
      { name: "workflow.list 401", floor: "list", spec: (baseUrl) => ({ kind: "list-trpc", baseUrl }) },
    ];
    type Row = { direct: number[]; adapter: number[]; ratio: number[]; directRps: number[]; adapterRps: number[] };
    const rows = new Map<string, Row>(scenarios.map((s) => [s.name, { direct: [], adapter: [], ratio: [], directRps: [], adapterRps: [] }]));
    const floors = { list: [] as number[], get: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      floors.list.push((await measure({ kind: "floor-list", baseUrl: floorUrl }, floorCpu)).cpuMs);
      floors.get.push((await measure({ kind: "floor-get", baseUrl: floorUrl, ids: seeded.workflowIds }, floorCpu)).cpuMs);
      for (const scenario of scenarios) {
        // Each pair back to back, the order alternating by round: the machine's load drifts between pairs, not within.
        const first = round % 2 === 0 ? "direct" : "adapter";
        const a = await measure(scenario.spec(urls[first]), self);
        const b = await measure(scenario.spec(urls[first === "direct" ? "adapter" : "direct"]), self);
        const [direct, adapter] = first === "direct" ? [a, b] : [b, a];
        const row = rows.get(scenario.name)!;
        row.direct.push(direct.cpuMs);
        row.adapter.push(adapter.cpuMs);
        row.ratio.push(direct.cpuMs / adapter.cpuMs);
        row.directRps.push(direct.rps);
        row.adapterRps.push(adapter.rps);
        say(
          `round ${round + 1} ${scenario.name}: direct ${direct.cpuMs.toFixed(3)} ms (${direct.rps.toFixed(0)}/s ${JSON.stringify(direct.statuses)}), ` +
            `adapter ${adapter.cpuMs.toFixed(3)} ms (${adapter.rps.toFixed(0)}/s ${JSON.stringify(adapter.statuses)})`,
        );
      }
    }
    const floorMs = { list: median(floors.list), get: median(floors.get) };
    say(`medians of ${ROUNDS} rounds, CPU ms per answer (× the floor's in the same run: list ${floorMs.list.toFixed(3)} ms, get ${floorMs.get.toFixed(3)} ms):`);
    say("  scenario             direct            adapter           direct/adapter (median of pairs)");
    for (const scenario of scenarios) {
      const row = rows.get(scenario.name)!;
      const base = floorMs[scenario.floor];
      const cell = (values: number[]) => `${median(values).toFixed(3)} (${(median(values) / base).toFixed(2)}×)`.padEnd(18);
      say(`  ${scenario.name.padEnd(20)} ${cell(row.direct)}${cell(row.adapter)}${median(row.ratio).toFixed(2)}`);
    }
  } finally {
    floor?.kill("SIGTERM");
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await db.close();
    await own.drop();
  }
}

await benchTrpcDirect();
process.exit(0);
