/** The benchmark's table, its targets (PASS/MISS) and the machine-readable JSON. */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoadResult } from "./load";

export interface ScenarioRow {
  mode: "postgres" | "pglite";
  scenario: string;
  result: LoadResult;
  /** Peak RSS of the process under load during this scenario (bytes). */
  peakRss: number;
  floor?: { scenario: string; p50: number; p99: number; rps: number };
  /** p50(app) / p50(floor). */
  ratio?: number;
}

export interface ModeSummary {
  mode: "postgres" | "pglite";
  serverPeakRss: number;
  floorPeakRss: number;
  listResponseBytes: { trpc: number; rest: number };
  listUnderLoginP99: number;
  listUnloadedP99: number;
  loginDuringListRps: number;
  seedMs: number;
}

export interface Target {
  name: string;
  mode: string;
  measured: string;
  goal: string;
  pass: boolean;
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string; loadAverage: { start: number[]; end: number[] } };
  options: { quick: boolean; connections: number; durationSeconds: number; warmupSeconds: number };
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

export function evaluate(rows: ScenarioRow[], modes: ModeSummary[]): Target[] {
  const targets: Target[] = [];
  for (const row of rows) {
    if (row.ratio !== undefined) {
      targets.push({
        name: `${row.scenario} p50 within 2x floor`,
        mode: row.mode,
        measured: `${row.ratio.toFixed(2)}x (${ms(row.result.p50)} vs ${ms(row.floor!.p50)} ms)`,
        goal: "<= 2x",
        pass: row.ratio <= 2,
      });
    }
  }
  for (const mode of modes) {
    const modeRows = rows.filter((row) => row.mode === mode.mode);
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
    targets.push({
      name: "server peak memory",
      mode: mode.mode,
      measured: MB(mode.serverPeakRss),
      goal: "< 400 MB",
      pass: mode.serverPeakRss < 400 * 2 ** 20,
    });
    const factor = mode.listUnderLoginP99 / mode.listUnloadedP99;
    targets.push({
      name: "list p99 under 16 log-ins",
      mode: mode.mode,
      measured: `${factor.toFixed(2)}x (${ms(mode.listUnderLoginP99)} vs ${ms(mode.listUnloadedP99)} ms)`,
      goal: "<= 3x",
      pass: factor <= 3,
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
    `${report.options.connections} connections, ${report.options.durationSeconds} s per scenario after ${report.options.warmupSeconds} s warm-up${report.options.quick ? " (--quick)" : ""}`,
  );
  for (const mode of report.modes) {
    lines.push("");
    lines.push(`== ${mode.mode} (seeded in ${(mode.seedMs / 1000).toFixed(1)} s) ==`);
    const widths = [22, 9, 9, 9, 7, 9, 10, 7];
    lines.push(pad(["scenario", "req/s", "p50 ms", "p99 ms", "errors", "peak RSS", "floor p50", "ratio"], widths));
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
            row.floor ? ms(row.floor.p50) : "",
            row.ratio !== undefined ? `${row.ratio.toFixed(2)}x` : "",
          ],
          widths,
        ),
      );
    }
    lines.push(
      `list response (50 items): tRPC ${mode.listResponseBytes.trpc} B, REST ${mode.listResponseBytes.rest} B; ` +
        `server peak RSS (VmHWM) ${MB(mode.serverPeakRss)}, floor server ${MB(mode.floorPeakRss)}; ` +
        `log-ins during the list load: ${mode.loginDuringListRps.toFixed(0)}/s`,
    );
  }
  lines.push("");
  lines.push("targets:");
  for (const target of report.targets) {
    lines.push(`  ${target.pass ? "PASS" : "MISS"}  [${target.mode}] ${target.name}: ${target.measured} (goal ${target.goal})`);
  }
  return lines.join("\n");
}

export function writeReport(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `api-${report.date.replace(/[:]/g, "-").replace(/\..*$/, "")}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
