/**
 * The load driver, run as its own process (so the server under test never shares an event loop or a core's
 * scheduling with it): `tsx scripts/bench-api/load.ts <spec.json> <result.json>`. Each spec runs one autocannon load
 * (or two at once for "list-under-login"), after an unrecorded warm-up of the same load.
 */
import { readFileSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";

export type ScenarioKind =
  | "list-trpc"
  | "list-rest"
  | "get-trpc"
  | "save-trpc"
  | "login"
  | "floor-list"
  | "floor-get"
  | "peer-list"
  | "peer-get"
  | "list-under-login";

export interface ScenarioSpec {
  kind: ScenarioKind;
  baseUrl: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  accessToken?: string;
  /** get: ids to pick from at random. */
  ids?: string[];
  /** save: workflows the connections update, each with its current version and code. */
  saveTargets?: { id: string; name: string; code: string; version: number }[];
  /** login: accounts to log in as (round robin). */
  logins?: { email: string; password: string }[];
  /** list-under-login: connections logging in beside the list load. */
  loginConnections?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  errors: number;
  statusCounts: Record<string, number>;
  bytesPerResponse: number;
}

type Request = autocannon.Request;

export const LIST_INPUT = encodeURIComponent(JSON.stringify({ limit: 50 }));
/** The peer's tRPC uses superjson, whose client sends an input as `{ json: … }`. */
const PEER_LIST_INPUT = encodeURIComponent(JSON.stringify({ json: { limit: 50 } }));

/** Save targets not being saved right now; one list per driver process, shared by the warm-up and the measured run. */
let freeTargets: NonNullable<ScenarioSpec["saveTargets"]> | undefined;

function requestsFor(spec: ScenarioSpec, kind: ScenarioKind): { requests: Request[]; headers: Record<string, string> } {
  const auth: Record<string, string> = spec.accessToken ? { authorization: `Bearer ${spec.accessToken}` } : {};
  const json = { "content-type": "application/json" };
  switch (kind) {
    case "list-trpc":
    case "list-under-login":
      return { headers: auth, requests: [{ method: "GET", path: `/api/trpc/workflow.list?input=${LIST_INPUT}` }] };
    case "list-rest":
      return { headers: auth, requests: [{ method: "GET", path: "/api/workflows?limit=50" }] };
    case "floor-list":
      return { headers: {}, requests: [{ method: "GET", path: "/list" }] };
    case "peer-list":
      return { headers: auth, requests: [{ method: "GET", path: `/api/trpc/workflow.list?input=${PEER_LIST_INPUT}` }] };
    case "get-trpc":
    case "peer-get":
    case "floor-get": {
      const ids = spec.ids ?? [];
      const pathFor = (id: string) =>
        kind === "get-trpc"
          ? `/api/trpc/workflow.get?input=${encodeURIComponent(JSON.stringify({ id }))}`
          : kind === "peer-get"
            ? `/api/trpc/workflow.get?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`
            : `/get?id=${id}`;
      return {
        headers: kind === "floor-get" ? {} : auth,
        requests: [
          {
            method: "GET",
            setupRequest: (req) => ({ ...req, path: pathFor(ids[Math.floor(Math.random() * ids.length)]!) }),
          },
        ],
      };
    }
    case "save-trpc": {
      // A free list: a request takes a workflow nobody else is saving, and gives it back with the version the
      // response names, so every save is a real, successful update (no 409s by construction). A save still in flight
      // when a run ends keeps its workflow out of the list for good (its version is unknown).
      const free = (freeTargets ??= [...(spec.saveTargets ?? [])]);
      let counter = 0;
      return {
        headers: { ...auth, ...json },
        requests: [
          {
            method: "POST",
            path: "/api/trpc/workflow.save",
            setupRequest: (req, context) => {
              const target = free.shift();
              if (!target) throw new Error("more connections than save targets");
              context.target = target;
              const code = `${target.code}# bench save ${++counter}\n`;
              return { ...req, body: JSON.stringify({ id: target.id, name: target.name, code, expectedVersion: target.version }) };
            },
            onResponse: (status, body, context) => {
              const target = context.target as { version: number } | undefined;
              if (!target) return;
              if (status === 200) {
                target.version = (JSON.parse(body) as { result: { data: { version: number } } }).result.data.version;
                free.push(target as never);
              }
              context.target = undefined;
            },
          },
        ],
      };
    }
    case "login": {
      const logins = spec.logins ?? [];
      let next = 0;
      return {
        headers: json,
        requests: [
          {
            method: "POST",
            path: "/api/auth/token",
            setupRequest: (req) => ({ ...req, body: JSON.stringify(logins[next++ % logins.length]) }),
          },
        ],
      };
    }
  }
}

function run(spec: ScenarioSpec, kind: ScenarioKind, connections: number, seconds: number): Promise<autocannon.Result> {
  const { requests, headers } = requestsFor(spec, kind);
  return autocannon({
    url: spec.baseUrl,
    connections,
    duration: seconds,
    headers,
    requests,
    timeout: 10,
  });
}

function summarise(result: autocannon.Result): LoadResult {
  const statusCounts: Record<string, number> = {};
  for (const key of ["1xx", "2xx", "3xx", "4xx", "5xx"] as const) {
    const count = (result as unknown as Record<string, number>)[key] ?? 0;
    if (count) statusCounts[key] = count;
  }
  const total = result.requests.total;
  return {
    requests: total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    errors: result.non2xx + result.errors,
    statusCounts,
    bytesPerResponse: total ? Math.round(result.throughput.total / total) : 0,
  };
}

/** The measured load's results, and how many requests the unrecorded warm-up made (for CPU per request). */
export async function runScenario(spec: ScenarioSpec): Promise<{ main: LoadResult; login?: LoadResult; warmupRequests: number }> {
  if (spec.kind === "list-under-login") {
    const loginConnections = spec.loginConnections ?? 16;
    let warmupRequests = 0;
    // Warm-up: both loads together, unrecorded.
    if (spec.warmupSeconds > 0) {
      const warm = await Promise.all([
        run(spec, "list-under-login", spec.connections, spec.warmupSeconds),
        run(spec, "login", loginConnections, spec.warmupSeconds),
      ]);
      warmupRequests = warm[0].requests.total + warm[1].requests.total;
    }
    // The log-in load starts first and outlasts the list load, so every list request meets it.
    const login = run(spec, "login", loginConnections, spec.durationSeconds + 2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const list = await run(spec, "list-under-login", spec.connections, spec.durationSeconds);
    return { main: summarise(list), login: summarise(await login), warmupRequests };
  }
  const warmupRequests = spec.warmupSeconds > 0 ? (await run(spec, spec.kind, spec.connections, spec.warmupSeconds)).requests.total : 0;
  return { main: summarise(await run(spec, spec.kind, spec.connections, spec.durationSeconds)), warmupRequests };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const spec = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as ScenarioSpec;
  runScenario(spec)
    .then((result) => {
      writeFileSync(process.argv[3]!, JSON.stringify(result));
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
