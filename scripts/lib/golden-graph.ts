/**
 * The golden corpus of the visualizer: `tests/fixtures/visualizer/<dialect>/<name>.py` beside `<name>.graph.json`,
 * the whole graph a reader expects (and, for scripts with datasets, `<name>.datasets.graph.json`: the graph with
 * dataset nodes). Shared by the golden test, which compares whole graphs, and by
 * `npm run visualize -- --update-golden`, which rewrites them for review.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic, GraphEdge, GraphNode, WorkflowGraph } from "../../src/lib/visualizer/types";

export const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "fixtures", "visualizer");

export interface GoldenFixture {
  dialect: string;
  name: string;
  /** The script. */
  script: string;
  /** Its graph as `visualize` draws it by default. */
  golden: string;
  /** Its graph with datasets drawn as nodes (`visualize(code, { datasets: true })`). */
  datasetsGolden: string;
}

export function goldenFixtures(dir = GOLDEN_DIR): GoldenFixture[] {
  if (!existsSync(dir)) return [];
  const out: GoldenFixture[] = [];
  for (const dialect of readdirSync(dir).sort()) {
    const sub = path.join(dir, dialect);
    if (!existsSync(sub) || dialect.startsWith(".")) continue;
    let files: string[];
    try {
      files = readdirSync(sub);
    } catch {
      continue;
    }
    for (const file of files.filter((f) => f.endsWith(".py")).sort()) {
      const name = file.slice(0, -3);
      out.push({
        dialect,
        name,
        script: path.join(sub, file),
        golden: path.join(sub, `${name}.graph.json`),
        datasetsGolden: path.join(sub, `${name}.datasets.graph.json`),
      });
    }
  }
  return out;
}

export interface GoldenNode {
  id: string;
  label: string;
  kind: GraphNode["kind"];
  parent: string | null;
  role?: GraphNode["role"];
  detail?: string;
  many?: true;
  inputs?: string[];
  outputs?: string[];
}

export interface GoldenEdge {
  source: string;
  target: string;
  kind: GraphEdge["kind"];
  label?: string;
  inferred?: true;
}

export interface GoldenGraph {
  dialect: WorkflowGraph["dialect"];
  nodes: GoldenNode[];
  edges: GoldenEdge[];
  /** Errors and warnings as `"<severity> <line>: <message>"`. */
  diagnostics: string[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The parts of a graph the golden corpus pins down, in a stable order (nodes by id, edges by ends and label). */
export function goldenOf(graph: WorkflowGraph): GoldenGraph {
  const nodes = graph.nodes
    .map((n): GoldenNode => {
      const g: GoldenNode = { id: n.id, label: n.label, kind: n.kind, parent: n.parent };
      if (n.role) g.role = n.role;
      if (n.detail) g.detail = n.detail;
      if (n.many) g.many = true;
      if (n.inputs?.length) g.inputs = n.inputs;
      if (n.outputs?.length) g.outputs = n.outputs;
      return g;
    })
    .sort((a, b) => cmp(a.id, b.id));
  const edges = graph.edges
    .map((e): GoldenEdge => {
      const g: GoldenEdge = { source: e.source, target: e.target, kind: e.kind };
      if (e.label !== undefined) g.label = e.label;
      if (e.inferred) g.inferred = true;
      return g;
    })
    .sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target) || cmp(a.label ?? "", b.label ?? ""));
  const diagnostics = graph.diagnostics
    .filter((d: Diagnostic) => d.severity !== "info")
    .map((d) => `${d.severity} ${d.line}: ${d.message}`);
  return { dialect: graph.dialect, nodes, edges, diagnostics };
}

/** The file text of a golden graph: one node or edge per line, so a review diff shows what changed. */
export function goldenText(graph: WorkflowGraph): string {
  const g = goldenOf(graph);
  const lines = [
    "{",
    `  "dialect": ${JSON.stringify(g.dialect)},`,
    `  "nodes": [${g.nodes.length ? "\n" + g.nodes.map((n) => `    ${JSON.stringify(n)}`).join(",\n") + "\n  " : ""}],`,
    `  "edges": [${g.edges.length ? "\n" + g.edges.map((e) => `    ${JSON.stringify(e)}`).join(",\n") + "\n  " : ""}],`,
    `  "diagnostics": [${g.diagnostics.length ? "\n" + g.diagnostics.map((d) => `    ${JSON.stringify(d)}`).join(",\n") + "\n  " : ""}]`,
    "}",
  ];
  return `${lines.join("\n")}\n`;
}
