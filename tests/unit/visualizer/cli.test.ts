import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { WorkflowGraph } from "~/lib/visualizer/types";
import { fixturesDir, repoRoot } from "./helpers";

const tsxCli = path.join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs");
const script = path.join(repoRoot, "scripts", "visualize.ts");

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [tsxCli, script, ...args], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("scripts/visualize.ts", () => {
  it("prints the graph as pretty JSON by default", () => {
    const r = run(path.join(fixturesDir, "airflow_operators.py"));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\n  "dialect": "airflow"');
    const g = JSON.parse(r.stdout) as WorkflowGraph;
    expect(g.nodes.map((n) => n.label)).toContain("extract_a");
    expect(g.edges.length).toBe(7);
  });

  it("prints Mermaid and DOT", () => {
    const m = run(path.join(fixturesDir, "langgraph_basic.py"), "--format", "mermaid");
    expect(m.status).toBe(0);
    expect(m.stdout.startsWith("flowchart TD")).toBe(true);
    const d = run(path.join(fixturesDir, "langgraph_basic.py"), "--format=dot");
    expect(d.status).toBe(0);
    expect(d.stdout.startsWith("digraph workflow {")).toBe(true);
  });

  it("prints the partial graph and its diagnostics for a syntax error, and exits 0", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vis-cli-"));
    const file = path.join(dir, "broken.py");
    writeFileSync(file, 'def a():\n    return 1\n\ndef b(x):\n    return x\n\nx = a()\nb(x)\ny = b(x,\n');
    const r = run(file);
    expect(r.status).toBe(0);
    const g = JSON.parse(r.stdout) as WorkflowGraph;
    expect(g.nodes.map((n) => n.label)).toEqual(expect.arrayContaining(["a", "b"]));
    expect(g.diagnostics.some((d) => d.severity === "error" && d.line === 9)).toBe(true);
  });

  it("exits 1 with a one-line message for a missing file", () => {
    const r = run(path.join(fixturesDir, "does-not-exist.py"));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot read .*does-not-exist\.py: no such file/);
  });

  it("exits 1 for an unreadable path, a missing argument and an unknown format", () => {
    for (const args of [[fixturesDir], [], [path.join(fixturesDir, "kedro_pipeline.py"), "--format", "svg"]]) {
      const r = run(...args);
      expect(r.status, args.join(" ")).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
