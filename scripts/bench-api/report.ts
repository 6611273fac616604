/** The benchmark's table, its targets (issue 13's, each met or not) and the machine-readable JSON. */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoadResult, ScenarioKind } from "./load";
import type { StartupResult } from "./startup";

export interface ScenarioRow {
  mode: "postgres" | "pglite";
  scenario: string;
  kind?: ScenarioKind;
  result: LoadResult;
  /** Peak RSS of the process under load during this scenario (bytes). */
  peakRss: number;
  /** CPU time of the process under load per request it served (ms): steadier than req/s on a shared machine. */
  cpuMsPerRequest?: number;
  floor?: { scenario: string; p50: number; p99: number; rps: number };
  /** p50(app) / p50(floor). */
  ratio?: number;
  /** req/s(floor) / req/s(app): how many times the floor's throughput the app falls short of. */
  floorRpsRatio?: number;
  /** req/s(app) / req/s(peer) for the same call. */
  peerRpsRatio?: number;
}

export interface ModeSummary {
  mode: "postgres" | "pglite";
  /** VmHWM of the server at the end: start-up, list/get, saves and the log-in floods. */
  serverPeakRss: number;
  /** VmHWM of the server after the list and get loads, before any save or log-in. */
  readsPeakRss: number;
  floorPeakRss: number;
  listResponseBytes: { trpc: number; rest: number };
  listUnderLoginP99: number;
  listUnloadedP99: number;
  loginDuringListRps: number;
  seedMs: number;
  /** The standard stack on the same database (PostgreSQL only; absent with --no-peer). */
  peer?: { listRps: number; getRps: number; peakRss: number };
  /** `npm start` on the existing build. */
  startup?: StartupResult | { skipped: string };
}

export interface Target {
  name: string;
  mode: string;
  measured: string;
  goal: string;
  /** null: not measured in this run. */
  pass: boolean | null;
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string; loadAverage: { start: number[]; end: number[] } };
  options: { quick: boolean; connections: number; durationSeconds: number; warmupSeconds: number; serverNodeOptions: string };
  rows: ScenarioRow[];
  modes: ModeSummary[];
  targets: Target[];
}

export function machine(loadAtStart: number[]): BenchReport["machine"] {
  return {
    loadAverage: { start: loadAtStart.map((v) => Number(v.toFixed(2))), end: os.loadavg().map((v) => Number(v.toFixed(2))) },
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const MB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)}`;

const MiB = 2 ** 20;
/** Issue 13's throughput targets against the floor: req/s(floor) ÷ req/s(app) at most this. */
const FLOOR_GOALS: Record<"postgres" | "pglite", Partial<Record<ScenarioKind, number>>> = {
  postgres: { "list-trpc": 2.5, "list-rest": 2.5, "get-trpc": 4 },
  pglite: { "list-trpc": 2, "list-rest": 2 },
};
/** Our list and get at least this many times the peer's req/s. */
const PEER_GOAL = 2.5;

function memoryTarget(name: string, mode: string, bytes: number | undefined, limitMb: number): Target {
  return { name, mode, measured: bytes === undefined ? "not measured" : MB(bytes), goal: `<= ${limitMb} MB`, pass: bytes === undefined ? null : bytes <= limitMb * MiB };
}

export function evaluate(rows: ScenarioRow[], modes: ModeSummary[]): Target[] {
  const targets: Target[] = [];
  for (const row of rows) {
    const goal = row.kind ? FLOOR_GOALS[row.mode][row.kind] : undefined;
    if (goal !== undefined && row.floorRpsRatio === undefined) {
      targets.push({ name: `${row.scenario} throughput within ${goal}x the floor's`, mode: row.mode, measured: "not measured (no request completed)", goal: `<= ${goal}x`, pass: null });
    }
    if (goal !== undefined && row.floorRpsRatio !== undefined) {
      targets.push({
        name: `${row.scenario} throughput within ${goal}x the floor's`,
        mode: row.mode,
        measured: `${row.floorRpsRatio.toFixed(2)}x (${row.result.rps.toFixed(0)} vs ${row.floor!.rps.toFixed(0)} req/s; p50 ${row.ratio!.toFixed(2)}x)`,
        goal: `<= ${goal}x`,
        pass: row.floorRpsRatio <= goal,
      });
    }
  }
  for (const mode of modes) {
    const modeRows = rows.filter((row) => row.mode === mode.mode);
    if (mode.mode === "postgres") {
      for (const row of modeRows.filter((r) => r.kind === "list-trpc" || r.kind === "list-rest" || r.kind === "get-trpc")) {
        targets.push({
          name: `${row.scenario} throughput vs the peer's`,
          mode: mode.mode,
          measured: row.peerRpsRatio === undefined ? (mode.peer ? "not measured (no request completed)" : "not measured (--no-peer)") : `${row.peerRpsRatio.toFixed(2)}x (${row.result.rps.toFixed(0)} vs ${(row.result.rps / row.peerRpsRatio).toFixed(0)} req/s)`,
          goal: `>= ${PEER_GOAL}x`,
          pass: row.peerRpsRatio === undefined ? null : row.peerRpsRatio >= PEER_GOAL,
        });
      }
    }
    const errors = modeRows.reduce((sum, row) => sum + row.result.errors, 0);
    const detail = modeRows.filter((row) => row.result.errors > 0).map((row) => `${row.scenario}: ${row.result.errors}`);
    targets.push({
      name: "zero errors",
      mode: mode.mode,
      measured: errors === 0 ? "0" : `${errors} (${detail.join(", ")})`,
      goal: "0",
      pass: errors === 0,
    });
    const bytes = Math.max(mode.listResponseBytes.trpc, mode.listResponseBytes.rest);
    targets.push({
      name: "50-item list response size",
      mode: mode.mode,
      measured: `${(mode.listResponseBytes.trpc / 1024).toFixed(1)} KiB tRPC, ${(mode.listResponseBytes.rest / 1024).toFixed(1)} KiB REST`,
      goal: "< 25 KB",
      pass: bytes < 25_000,
    });
    if (mode.mode === "postgres") {
      targets.push(memoryTarget("server peak RSS under list/get load", mode.mode, mode.readsPeakRss, 250));
      targets.push(memoryTarget("server peak RSS with the log-in floods", mode.mode, mode.serverPeakRss, 300));
    } else {
      targets.push(memoryTarget("server peak RSS", mode.mode, mode.serverPeakRss, 400));
    }
    const startup = mode.startup && "readyMs" in mode.startup ? mode.startup : undefined;
    targets.push({
      name: "npm start on an existing build: spawn to the first 200 of /api/health",
      mode: mode.mode,
      measured: startup ? `${(startup.readyMs / 1000).toFixed(2)} s` : `not measured${mode.startup && "skipped" in mode.startup ? ` (${mode.startup.skipped})` : ""}`,
      goal: "<= 3 s",
      pass: startup ? startup.readyMs <= 3_000 : null,
    });
    if (mode.mode === "postgres") targets.push(memoryTarget("idle npm start, all its processes", mode.mode, startup?.idleRss, 250));
    const factor = mode.listUnderLoginP99 / mode.listUnloadedP99;
    const both = mode.listUnderLoginP99 > 0 && mode.listUnloadedP99 > 0;
    targets.push({
      name: "list p99 under 16 log-ins",
      mode: mode.mode,
      measured: both ? `${factor.toFixed(2)}x (${ms(mode.listUnderLoginP99)} vs ${ms(mode.listUnloadedP99)} ms)` : "not measured (no request completed)",
      goal: "<= 3x",
      pass: both ? factor <= 3 : null,
    });
  }
  return targets;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
}

export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push(`API benchmark ${report.date} — ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}`);
  lines.push(`load average (1/5/15 min) at start ${m.loadAverage.start.join(" ")}, at end ${m.loadAverage.end.join(" ")}`);
  lines.push(
    `${report.options.connections} connections, ${report.options.durationSeconds} s per scenario after ${report.options.warmupSeconds} s warm-up${report.options.quick ? " (--quick)" : ""}` +
      (report.options.serverNodeOptions ? `; server NODE_OPTIONS=${report.options.serverNodeOptions}` : ""),
  );
  for (const mode of report.modes) {
    lines.push("");
    lines.push(`== ${mode.mode} (seeded in ${(mode.seedMs / 1000).toFixed(1)} s) ==`);
    const widths = [22, 8, 8, 8, 7, 9, 8, 10, 10, 11, 10];
    lines.push(pad(["scenario", "req/s", "p50 ms", "p99 ms", "errors", "peak RSS", "CPU/req", "floor p50", "p50 ×floor", "floor÷req/s", "req/s÷peer"], widths));
    for (const row of report.rows.filter((r) => r.mode === mode.mode)) {
      lines.push(
        pad(
          [
            row.scenario,
            row.result.rps.toFixed(0),
            ms(row.result.p50),
            ms(row.result.p99),
            String(row.result.errors),
            MB(row.peakRss),
            row.cpuMsPerRequest !== undefined ? row.cpuMsPerRequest.toFixed(2) : "",
            row.floor ? ms(row.floor.p50) : "",
            row.ratio !== undefined ? `${row.ratio.toFixed(2)}x` : "",
            row.floorRpsRatio !== undefined ? `${row.floorRpsRatio.toFixed(2)}x` : "",
            row.peerRpsRatio !== undefined ? `${row.peerRpsRatio.toFixed(2)}x` : "",
          ],
          widths,
        ),
      );
    }
    lines.push(
      `list response (50 items): tRPC ${mode.listResponseBytes.trpc} B, REST ${mode.listResponseBytes.rest} B; ` +
        `server peak RSS (VmHWM) ${MB(mode.readsPeakRss)} after list/get, ${MB(mode.serverPeakRss)} at the end; floor server ${MB(mode.floorPeakRss)}` +
        (mode.peer ? `; peer (next start) ${MB(mode.peer.peakRss)}` : "") +
        `; log-ins during the list load: ${mode.loginDuringListRps.toFixed(0)}/s`,
    );
    if (mode.startup && "readyMs" in mode.startup) {
      const processes = mode.startup.processes.map((p) => `${p.name} ${MB(p.rss)}`).join(" + ");
      lines.push(
        `npm start (existing build): serving in ${(mode.startup.readyMs / 1000).toFixed(2)} s; idle after ${mode.startup.idleMs / 1000} s: ` +
          `${MB(mode.startup.idleRss)} (${processes})`,
      );
    } else if (mode.startup) {
      lines.push(`npm start: not measured (${mode.startup.skipped})`);
    }
  }
  lines.push("");
  lines.push("targets (issue 13):");
  for (const target of report.targets) {
    const verdict = target.pass === null ? "n/a    " : target.pass ? "met    " : "NOT MET";
    lines.push(`  ${verdict}  [${target.mode}] ${target.name}: ${target.measured} (goal ${target.goal})`);
  }
  return lines.join("\n");
}

export function writeReport(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `api-${report.date.replace(/[:]/g, "-").replace(/\..*$/, "")}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
