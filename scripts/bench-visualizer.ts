/**
 * Benchmark of the visualizer: parse, incremental parse, extraction, layout.
 *
 *   npm run bench:visualizer            full run (a few minutes on 2 cores)
 *   npm run bench:visualizer -- --quick smoke run (few repetitions)
 *   npm run bench:visualizer -- --json  machine-readable output on stdout (the tables go to stderr)
 *
 * Generates scripts of 100, 1,000 and 5,000 lines for each dialect, adds the corpus in
 * ../shared/visualizer-corpus/, and prints medians (after warm-up) per size and dialect, parse and extraction
 * times of every script of the golden corpus (tests/fixtures/visualizer/<dialect>/*.py),
 * the ratios the issue sets as targets, and a comparison of layered-layout libraries on
 * 50- and 170-node workflow graphs.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import dagre from "@dagrejs/dagre";
import { TreeFragment, type Tree } from "@lezer/common";
import { coordGreedy, graph as dagGraph, sugiyama, type MutGraphNode } from "d3-dag";
import ELK from "elkjs/lib/elk.bundled.js";
import { layoutGraph } from "../src/lib/graph-layout/layout";
import { leafSize, SPACING } from "../src/lib/graph-layout/node-size";
import { generateWorkflowGraph, sampleGraph } from "../src/lib/graph-layout/sample-graphs";
import { parser as pythonParser } from "../src/lib/visualizer/grammar";
import { goldenFixtures } from "./lib/golden-graph";
import type { Dialect, WorkflowGraph } from "../src/lib/visualizer/types";

const args = new Set(process.argv.slice(2));
const QUICK = args.has("--quick");
const JSON_OUT = args.has("--json");
/** The readable report: stdout, or stderr when --json puts the JSON on stdout. */
const log = (...parts: unknown[]) => {
  if (JSON_OUT) console.error(...parts);
  else console.log(...parts);
};

/* ----------------------------------------------------------------------------------- */
/* Timing                                                                                */
/* ----------------------------------------------------------------------------------- */

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median wall time of `fn` in ms: warm-up runs, then at least `reps` runs and ~`budgetMs` of runs. */
function measure(fn: () => unknown, reps: number, budgetMs = QUICK ? 150 : 1500): number {
  const warm = QUICK ? 2 : 5;
  for (let i = 0; i < warm; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < reps || (performance.now() - start < budgetMs && times.length < reps * 10)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function measureAsync(fn: () => Promise<unknown>, reps: number): Promise<number> {
  const warm = QUICK ? 1 : 3;
  for (let i = 0; i < warm; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/* ----------------------------------------------------------------------------------- */
/* The engine (loaded dynamically: it is written in parallel with this script)           */
/* ----------------------------------------------------------------------------------- */

interface Engine {
  visualize(code: string): WorkflowGraph;
  /** Extraction from an already-parsed tree. */
  visualizeTree: ((tree: Tree, code: string) => WorkflowGraph) | null;
  parse(code: string): Tree;
  parseIncremental(prevTree: Tree, prevCode: string, newCode: string): Tree;
}

async function loadEngine(): Promise<Engine | null> {
  const file = path.resolve("src/lib/visualizer/index.ts");
  if (!existsSync(file)) return null;
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const fn = <T>(name: string) => (typeof mod[name] === "function" ? (mod[name] as T) : null);
  const visualize = fn<Engine["visualize"]>("visualize");
  if (!visualize) return null;
  const lezerIncremental = (prevTree: Tree, prevCode: string, newCode: string) => {
    const changes = diffOne(prevCode, newCode);
    return pythonParser.parse(newCode, TreeFragment.applyChanges(TreeFragment.addTree(prevTree), changes));
  };
  return {
    visualize,
    visualizeTree: fn<(tree: Tree, code: string) => WorkflowGraph>("visualizeTree"),
    parse: fn<(code: string) => Tree>("parsePython") ?? ((code) => pythonParser.parse(code)),
    parseIncremental: fn<Engine["parseIncremental"]>("parseIncremental") ?? lezerIncremental,
  };
}

function diffOne(a: string, b: string) {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return [{ fromA: start, toA: endA, fromB: start, toB: endB }];
}

/* ----------------------------------------------------------------------------------- */
/* Script generators: realistic code in each dialect, many nodes                        */
/* ----------------------------------------------------------------------------------- */

type Generator = (lines: number) => string;

/** Repeats `block(i)` until the script has about `lines` lines; `head` and `tail` wrap it. */
function grow(lines: number, head: string, block: (i: number) => string, tail: (count: number) => string): string {
  const parts = [head];
  let count = head.split("\n").length + tail(0).split("\n").length;
  let i = 0;
  while (count < lines) {
    const b = block(i);
    parts.push(b);
    count += b.split("\n").length;
    i++;
  }
  parts.push(tail(i));
  return parts.join("\n");
}

const GENERATORS: Record<Dialect, Generator> = {
  langgraph: (lines) => {
    // Node functions first, then the builder calls (kept in one StateGraph per 40 nodes).
    const perNode = 9; // def (5) + add_node + edge + blank lines
    const n = Math.max(4, Math.floor((lines - 12) / perNode));
    const defs: string[] = [];
    const wiring: string[] = [];
    let builder = -1;
    for (let i = 0; i < n; i++) {
      if (i % 40 === 0) {
        builder++;
        wiring.push(`builder_${builder} = StateGraph(State)`);
      }
      defs.push(`def step_${i}(state: State) -> dict:\n    """Step ${i}."""\n    docs = state["docs"]\n    docs.append(${i})\n    return {"docs": docs, "count": state["count"] + 1}\n`);
      const b = `builder_${builder}`;
      wiring.push(`${b}.add_node("step_${i}", step_${i})`);
      if (i % 40 === 0) wiring.push(`${b}.add_edge(START, "step_${i}")`);
      else if (i % 7 === 3) {
        defs.push(`def route_${i}(state: State) -> Literal["step_${i}", "done"]:\n    return "step_${i}" if state["count"] < ${i} else "done"\n`);
        wiring.push(`${b}.add_conditional_edges("step_${i - 1}", route_${i}, {"continue": "step_${i}", "done": END})`);
      } else wiring.push(`${b}.add_edge("step_${i - 1}", "step_${i}")`);
      if (i % 40 === 39 || i === n - 1) wiring.push(`${b}.add_edge("step_${i}", END)`, `graph_${builder} = ${b}.compile()`);
    }
    return `from typing import Literal, TypedDict\n\nfrom langgraph.graph import END, START, StateGraph\n\n\nclass State(TypedDict):\n    docs: list\n    count: int\n\n\n${defs.join("\n")}\n${wiring.join("\n")}\n`;
  },
  airflow: (lines) =>
    grow(
      lines,
      `from datetime import datetime\n\nfrom airflow import DAG\nfrom airflow.decorators import task\nfrom airflow.operators.bash import BashOperator\nfrom airflow.utils.task_group import TaskGroup\n\nwith DAG("bench", start_date=datetime(2026, 1, 1), schedule="@daily", catchup=False) as dag:\n    start = BashOperator(task_id="start", bash_command="echo start")\n    prev = start`,
      (i) =>
        i % 5 === 4
          ? `    with TaskGroup("group_${i}") as group_${i}:\n        a_${i} = BashOperator(task_id="a_${i}", bash_command="echo a")\n        b_${i} = BashOperator(task_id="b_${i}", bash_command="echo b")\n        a_${i} >> b_${i}\n    prev >> group_${i}\n    prev = group_${i}`
          : `    extract_${i} = BashOperator(task_id="extract_${i}", bash_command="extract --part ${i}")\n    load_${i} = BashOperator(task_id="load_${i}", bash_command="load --part ${i}")\n    prev >> extract_${i} >> load_${i}\n    prev = load_${i}`,
      () => `    end = BashOperator(task_id="end", bash_command="echo end")\n    prev >> end\n`,
    ),
  prefect: (lines) => {
    const n = Math.max(3, Math.floor((lines - 12) / 7));
    const defs: string[] = [];
    const body: string[] = [];
    for (let i = 0; i < n; i++) {
      defs.push(`@task(retries=2)\ndef transform_${i}(data):\n    """Transform ${i}."""\n    return [x + ${i} for x in data]\n`);
      body.push(i === 0 ? `    v0 = transform_0(raw)` : i % 6 === 5 ? `    v${i} = transform_${i}(v${i - 1}, wait_for=[v${i - 3}])` : `    v${i} = transform_${i}(v${i - 1})`);
    }
    return `from prefect import flow, task\n\n\n@task\ndef fetch():\n    return [1, 2, 3]\n\n\n${defs.join("\n")}\n@flow(name="bench")\ndef pipeline():\n    raw = fetch()\n${body.join("\n")}\n    return v${n - 1}\n\n\nif __name__ == "__main__":\n    pipeline()\n`;
  },
  dagster: (lines) => {
    const n = Math.max(3, Math.floor((lines - 12) / 7));
    const defs: string[] = [];
    const body: string[] = [];
    for (let i = 0; i < n; i++) {
      defs.push(`@op\ndef op_${i}(context, data):\n    context.log.info("op ${i}")\n    return data\n`);
      body.push(i === 0 ? `    r0 = op_0(source())` : i % 5 === 4 ? `    r${i} = op_${i}(combine(r${i - 1}, r${i - 2}))` : `    r${i} = op_${i}(r${i - 1})`);
    }
    return `from dagster import job, op\n\n\n@op\ndef source():\n    return 1\n\n\n@op\ndef combine(a, b):\n    return a + b\n\n\n${defs.join("\n")}\n@job\ndef bench_job():\n${body.join("\n")}\n`;
  },
  kedro: (lines) => {
    const n = Math.max(3, Math.floor((lines - 10) / 6));
    const defs: string[] = [];
    const nodes: string[] = [];
    for (let i = 0; i < n; i++) {
      defs.push(`def process_${i}(frame):\n    frame = frame.dropna()\n    return frame\n`);
      nodes.push(`            node(process_${i}, inputs="dataset_${i}", outputs="dataset_${i + 1}", name="process_${i}_node"),`);
    }
    return `from kedro.pipeline import node, pipeline\n\n\n${defs.join("\n")}\n\ndef create_pipeline(**kwargs):\n    return pipeline(\n        [\n${nodes.join("\n")}\n        ]\n    )\n`;
  },
  generic: (lines) => {
    const n = Math.max(3, Math.floor((lines - 10) / 6));
    const defs: string[] = [];
    const body: string[] = [];
    for (let i = 0; i < n; i++) {
      defs.push(`def stage_${i}(rows):\n    result = [r * 2 for r in rows]\n    return result\n`);
      body.push(i % 9 === 8 ? `    for part in range(3):\n        rows_${i} = stage_${i}(rows_${i - 1})` : `    rows_${i} = stage_${i}(${i === 0 ? "read_input()" : `rows_${i - 1}`})`);
    }
    return `import sys\n\n\ndef read_input():\n    return [int(x) for x in sys.argv[1:]]\n\n\n${defs.join("\n")}\n\ndef main():\n${body.join("\n")}\n    print(rows_${n - 1})\n\n\nif __name__ == "__main__":\n    main()\n`;
  },
};

const DIALECTS = Object.keys(GENERATORS) as Dialect[];
const SIZES = [100, 1000, 5000] as const;

/** A one-character edit in the middle of the script (inside a string or a name). */
function oneCharEdit(code: string): string {
  const mid = code.indexOf("\n", code.length >> 1);
  const at = code.lastIndexOf("_", mid) + 1 || mid;
  return `${code.slice(0, at)}x${code.slice(at)}`;
}

/* ----------------------------------------------------------------------------------- */
/* Bare library calls (the same graph, without our wrapper)                              */
/* ----------------------------------------------------------------------------------- */

interface FlatInput {
  sizes: Array<[number, number]>;
  links: Array<[number, number]>;
}

/** Leaves and edges of a graph, indexed; the input any caller must build anyway. */
function flatInput(graph: WorkflowGraph): FlatInput {
  const index = new Map<string, number>();
  const sizes: Array<[number, number]> = [];
  for (const n of graph.nodes) {
    if (n.kind === "group") continue;
    index.set(n.id, sizes.length);
    const s = leafSize(n.kind);
    sizes.push([s.width, s.height]);
  }
  const seen = new Set<string>();
  const links: Array<[number, number]> = [];
  for (const e of graph.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    const k = `${s},${t}`;
    if (s === undefined || t === undefined || s === t || seen.has(k)) continue;
    seen.add(k);
    links.push([s, t]);
  }
  return { sizes, links };
}

type Size = readonly [number, number];
const bareSugiyamaSimplex = sugiyama()
  .nodeSize((n: { data: Size }) => n.data)
  .gap([SPACING.node, SPACING.rank]);
/** The configuration our engine uses (engine-d3dag.ts). */
const bareSugiyama = sugiyama()
  .nodeSize((n: { data: Size }) => n.data)
  .gap([SPACING.node, SPACING.rank])
  .coord(coordGreedy());

type Positions = { x: number[]; y: number[] };

function bareD3Dag(input: FlatInput, simplex = false): Positions {
  const g = dagGraph<Size, undefined>();
  const handles: MutGraphNode<Size, undefined>[] = input.sizes.map((s) => g.node(s));
  for (const [s, t] of input.links) g.link(handles[s]!, handles[t]!);
  (simplex ? bareSugiyamaSimplex : bareSugiyama)(g);
  return { x: handles.map((h) => h.x), y: handles.map((h) => h.y) };
}

function bareDagre(input: FlatInput): Positions {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: SPACING.node, ranksep: SPACING.rank });
  g.setDefaultEdgeLabel(() => ({}));
  input.sizes.forEach(([width, height], i) => g.setNode(String(i), { width, height }));
  for (const [s, t] of input.links) g.setEdge(String(s), String(t));
  dagre.layout(g);
  const x: number[] = [];
  const y: number[] = [];
  input.sizes.forEach((_, i) => {
    const n = g.node(String(i)) as { x: number; y: number };
    x.push(n.x);
    y.push(n.y);
  });
  return { x, y };
}

/** dagre's compound mode on the full graph (groups via setParent). */
function bareDagreCompound(graph: WorkflowGraph): void {
  const g = new dagre.graphlib.Graph({ compound: true });
  g.setGraph({ rankdir: "TB", nodesep: SPACING.node, ranksep: SPACING.rank });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, n.kind === "group" ? {} : leafSize(n.kind));
  for (const n of graph.nodes) if (n.parent) g.setParent(n.id, n.parent);
  const groups = new Set(graph.nodes.filter((n) => n.kind === "group").map((n) => n.id));
  for (const e of graph.edges) if (!groups.has(e.source) && !groups.has(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
}

// @antv/layout 2.x ships ESM that Node cannot load (its @antv/util dependency is CommonJS
// without named exports); bundlers handle it. Its UMD build is the same code.
const requireCjs = createRequire(import.meta.url);
interface AntvLayout {
  execute(data: unknown): Promise<void>;
  forEachNode(cb: (node: { id: string; x: number; y: number }) => void): void;
}
const antv = requireCjs("@antv/layout") as Record<string, new (options: Record<string, unknown>) => AntvLayout>;

async function bareAntv(input: FlatInput, kind: "AntVDagreLayout" | "DagreLayout"): Promise<Positions> {
  const Layout = antv[kind]!;
  const layout = new Layout({
    rankdir: "TB",
    nodesep: SPACING.node,
    ranksep: SPACING.rank,
    nodeSize: (node: { data: { size: Size } }) => node.data.size,
  });
  await layout.execute({
    nodes: input.sizes.map((size, i) => ({ id: String(i), data: { size } })),
    edges: input.links.map(([s, t], i) => ({ id: `e${i}`, source: String(s), target: String(t), data: {} })),
  });
  const x: number[] = new Array(input.sizes.length).fill(0);
  const y: number[] = new Array(input.sizes.length).fill(0);
  layout.forEachNode((n) => {
    x[Number(n.id)] = n.x;
    y[Number(n.id)] = n.y;
  });
  return { x, y };
}

const elk = new ELK();
async function bareElk(input: FlatInput): Promise<Positions> {
  const out = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.spacing.nodeNode": String(SPACING.node),
      "elk.layered.spacing.nodeNodeBetweenLayers": String(SPACING.rank),
    },
    children: input.sizes.map(([width, height], i) => ({ id: String(i), width, height })),
    edges: input.links.map(([s, t], i) => ({ id: `e${i}`, sources: [String(s)], targets: [String(t)] })),
  });
  const x: number[] = new Array(input.sizes.length).fill(0);
  const y: number[] = new Array(input.sizes.length).fill(0);
  for (const c of out.children ?? []) {
    const [w, h] = input.sizes[Number(c.id)]!;
    x[Number(c.id)] = (c.x ?? 0) + w / 2;
    y[Number(c.id)] = (c.y ?? 0) + h / 2;
  }
  return { x, y };
}

/* ----------------------------------------------------------------------------------- */
/* Readability of a drawing                                                              */
/* ----------------------------------------------------------------------------------- */

interface Readability {
  overlaps: number;
  crossings: number;
  /** Share of non-cycle edges drawn downwards (the layered direction). */
  forward: number;
  width: number;
  height: number;
}

function readability(input: FlatInput, p: Positions): Readability {
  const n = input.sizes.length;
  let overlaps = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [wi, hi] = input.sizes[i]!;
      const [wj, hj] = input.sizes[j]!;
      if (Math.abs(p.x[i]! - p.x[j]!) < (wi + wj) / 2 - 0.5 && Math.abs(p.y[i]! - p.y[j]!) < (hi + hj) / 2 - 0.5) overlaps++;
    }
  }
  // Crossings of straight centre-to-centre segments (the same yardstick for every library).
  const segs = input.links.map(([s, t]) => [p.x[s]!, p.y[s]!, p.x[t]!, p.y[t]!, s, t] as const);
  let crossings = 0;
  const cross = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  for (let i = 0; i < segs.length; i++) {
    const a = segs[i]!;
    for (let j = i + 1; j < segs.length; j++) {
      const b = segs[j]!;
      if (a[4] === b[4] || a[4] === b[5] || a[5] === b[4] || a[5] === b[5]) continue;
      const d1 = cross(a[0], a[1], a[2], a[3], b[0], b[1]);
      const d2 = cross(a[0], a[1], a[2], a[3], b[2], b[3]);
      const d3 = cross(b[0], b[1], b[2], b[3], a[0], a[1]);
      const d4 = cross(b[0], b[1], b[2], b[3], a[2], a[3]);
      if (d1 * d2 < 0 && d3 * d4 < 0) crossings++;
    }
  }
  let forward = 0;
  for (const [s, t] of input.links) if (p.y[t]! > p.y[s]!) forward++;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const [w, h] = input.sizes[i]!;
    minX = Math.min(minX, p.x[i]! - w / 2);
    maxX = Math.max(maxX, p.x[i]! + w / 2);
    minY = Math.min(minY, p.y[i]! - h / 2);
    maxY = Math.max(maxY, p.y[i]! + h / 2);
  }
  return { overlaps, crossings, forward: input.links.length ? forward / input.links.length : 1, width: Math.round(maxX - minX), height: Math.round(maxY - minY) };
}

/* ----------------------------------------------------------------------------------- */
/* Runs                                                                                  */
/* ----------------------------------------------------------------------------------- */

interface ScriptRow {
  dialect: string;
  size: string;
  lines: number;
  nodes: number;
  edges: number;
  fullParse: number;
  incrementalParse: number;
  extraction: number | null;
  keystroke: number | null;
  layout: number;
  bareLayout: number;
}

function benchScript(engine: Engine | null, dialect: string, size: string, code: string): ScriptRow {
  const lines = code.split("\n").length;
  const reps = QUICK ? 3 : lines >= 5000 ? 15 : 31;
  const edited = oneCharEdit(code);
  const tree = engine ? engine.parse(code) : pythonParser.parse(code);
  const fullParse = measure(() => (engine ? engine.parse(code) : pythonParser.parse(code)), reps);
  const incremental = engine
    ? (c: string) => engine.parseIncremental(tree, code, c)
    : (c: string) => pythonParser.parse(c, TreeFragment.applyChanges(TreeFragment.addTree(tree), diffOne(code, c)));
  const incrementalParse = measure(() => incremental(edited), reps);
  let extraction: number | null = null;
  let keystroke: number | null = null;
  let graph: WorkflowGraph;
  if (engine) {
    const extract = engine.visualizeTree;
    graph = extract ? extract(tree, code) : engine.visualize(code);
    if (extract) {
      extraction = measure(() => extract(tree, code), reps);
      keystroke = measure(() => extract(incremental(edited), edited), reps);
    } else {
      // Without a tree entry point: visualize(code) − full parse.
      const total = measure(() => engine.visualize(code), reps);
      extraction = Math.max(0, total - fullParse);
      keystroke = incrementalParse + extraction;
    }
  } else {
    graph = generateWorkflowGraph({ nodes: Math.max(5, Math.round(lines / 7)), seed: lines });
  }
  const layoutReps = QUICK ? 2 : graph.nodes.length > 400 ? 5 : 11;
  const flat = flatInput(graph);
  const layout = graph.nodes.length ? measure(() => layoutGraph(graph, { direction: "TB" }), layoutReps, QUICK ? 100 : 1000) : 0;
  const bareLayout = flat.sizes.length ? measure(() => bareD3Dag(flat), layoutReps, QUICK ? 100 : 1000) : 0;
  return { dialect, size, lines, nodes: graph.nodes.length, edges: graph.edges.length, fullParse, incrementalParse, extraction, keystroke, layout, bareLayout };
}

interface LibraryRow {
  library: string;
  nodes: number;
  ms: number;
  readability: Readability | null;
  note?: string;
}

async function benchLibraries(): Promise<LibraryRow[]> {
  const rows: LibraryRow[] = [];
  for (const n of [50, 170]) {
    const graph = generateWorkflowGraph({ nodes: n, seed: 42 });
    const flat = flatInput(graph);
    const reps = QUICK ? 3 : n > 100 ? 15 : 31;
    const sync = (library: string, run: () => Positions, note?: string) => {
      rows.push({ library, nodes: n, ms: measure(run, reps), readability: readability(flat, run()), note });
    };
    const async = async (library: string, run: () => Promise<Positions>, note?: string) => {
      const ms = await measureAsync(run, reps);
      rows.push({ library, nodes: n, ms, readability: readability(flat, await run()), note });
    };
    sync("d3-dag sugiyama (greedy coords; ours)", () => bareD3Dag(flat));
    sync("d3-dag sugiyama (simplex coords, default)", () => bareD3Dag(flat, true));
    sync("@dagrejs/dagre", () => bareDagre(flat));
    rows.push({ library: "@dagrejs/dagre compound (groups)", nodes: n, ms: measure(() => bareDagreCompound(graph), reps), readability: null });
    await async("@antv/layout AntVDagreLayout", () => bareAntv(flat, "AntVDagreLayout"), "JS port of dagre; 2.0.1 has no WASM build");
    await async("@antv/layout DagreLayout", () => bareAntv(flat, "DagreLayout"), "wraps dagre 0.8.5");
    await async("elkjs layered", () => bareElk(flat));
    // Ours on the full graph (groups as frames), edge routes and label boxes included.
    rows.push({ library: "ours: layoutGraph (layered per group + routes)", nodes: n, ms: measure(() => layoutGraph(graph, { direction: "TB" }), reps), readability: null });
  }
  return rows;
}

/**
 * Layout plus edge routing, as the layout worker runs it (`layoutGraph` is all the worker does), on generated
 * workflow graphs of 170 and 500 nodes and on the dense Airflow shape (80 tasks, 2,000 edges).
 */
function benchLayoutSpeed(): Array<{ graph: string; nodes: number; edges: number; ms: number; cpuMs: number; target: number | null }> {
  const cases: Array<[string, WorkflowGraph, number | null]> = [
    ["workflow, 170 nodes", generateWorkflowGraph({ nodes: 170, seed: 42 }), 50],
    ["workflow, 500 nodes", generateWorkflowGraph({ nodes: 500, seed: 42 }), 150],
    ["nested groups, 500 nodes", sampleGraph("nested", 500, 500), 150],
    ["dense Airflow (80 tasks, [40] >> [40])", sampleGraph("dense", 80), null],
  ];
  return cases.map(([name, graph, target]) => {
    const reps = QUICK ? 3 : 15;
    const times: number[] = [];
    const cpu: number[] = [];
    for (const direction of ["TB", "LR"] as const) {
      times.push(measure(() => layoutGraph(graph, { direction }), reps, QUICK ? 200 : 1500));
      // CPU time of this thread's process per layout (median): what the layout costs when the machine is shared.
      const runs: number[] = [];
      for (let i = 0; i < reps; i++) {
        const before = process.cpuUsage();
        layoutGraph(graph, { direction });
        const used = process.cpuUsage(before);
        runs.push((used.user + used.system) / 1000);
      }
      cpu.push(median(runs));
    }
    return { graph: name, nodes: graph.nodes.length, edges: graph.edges.length, ms: Math.max(...times), cpuMs: Math.max(...cpu), target };
  });
}

function loadCorpus(): Array<{ name: string; code: string }> {
  const dir = path.resolve("..", "shared", "visualizer-corpus");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((f) => ({ name: f.replace(/\.py$/, ""), code: readFileSync(path.join(dir, f), "utf8") }));
}

interface GoldenRow {
  script: string;
  lines: number;
  fullParse: number;
  extraction: number;
}

/** Full parse and extraction of each script of the golden corpus (read from disk: it grows as readers are added). */
function benchGolden(engine: Engine | null): GoldenRow[] {
  const extract = engine?.visualizeTree;
  if (!engine || !extract) return [];
  return goldenFixtures().map((f) => {
    const code = readFileSync(f.script, "utf8");
    const tree = engine.parse(code);
    const reps = QUICK ? 3 : 31;
    return {
      script: `${f.dialect}/${f.name}`,
      lines: code.split("\n").length,
      fullParse: measure(() => engine.parse(code), reps, QUICK ? 30 : 200),
      extraction: measure(() => extract(tree, code), reps, QUICK ? 30 : 200),
    };
  });
}

function goldenTotals(rows: GoldenRow[]): { fullParse: number; extraction: number; ratio: number; worst: GoldenRow | null } {
  const fullParse = rows.reduce((t, r) => t + r.fullParse, 0);
  const extraction = rows.reduce((t, r) => t + r.extraction, 0);
  const worst = rows.reduce<GoldenRow | null>((w, r) => (!w || r.extraction / r.fullParse > w.extraction / w.fullParse ? r : w), null);
  return { fullParse, extraction, ratio: fullParse ? extraction / fullParse : 0, worst };
}

/* ----------------------------------------------------------------------------------- */
/* Report                                                                                */
/* ----------------------------------------------------------------------------------- */

const ms = (v: number | null) => (v === null ? "n/a" : v < 10 ? v.toFixed(2) : v.toFixed(1));

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

async function main() {
  const engine = await loadEngine();
  const started = new Date();
  log(`# Visualizer benchmark ${QUICK ? "(quick)" : ""}`);
  log(`date ${started.toISOString()} · node ${process.version} · ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})`);
  if (!engine) log("NOTE: src/lib/visualizer/index.ts (visualize) not found: parse figures only, layout on generated graphs.");
  else if (!engine.visualizeTree) log("NOTE: the engine exports no visualizeTree: extraction = visualize(code) − full parse.");

  const rows: ScriptRow[] = [];
  for (const size of SIZES) {
    for (const dialect of DIALECTS) rows.push(benchScript(engine, dialect, String(size), GENERATORS[dialect](size)));
  }
  const corpus = loadCorpus();
  for (const { name, code } of corpus) rows.push(benchScript(engine, name, "corpus", code));

  const headers = ["size", "dialect", "lines", "nodes", "full parse", "incr. parse", "extraction", "keystroke", "layout", "bare layout"];
  log("\n## Per script (median ms)\n");
  log(table(headers, rows.map((r) => [r.size, r.dialect, r.lines, r.nodes, ms(r.fullParse), ms(r.incrementalParse), ms(r.extraction), ms(r.keystroke), ms(r.layout), ms(r.bareLayout)])));

  const perSize = SIZES.map((size) => {
    const rs = rows.filter((r) => r.size === String(size));
    const med = (f: (r: ScriptRow) => number | null) => {
      const v = rs.map(f).filter((x): x is number => x !== null);
      return v.length ? median(v) : null;
    };
    const parseExtract = med((r) => (r.extraction === null ? null : r.fullParse + r.extraction));
    return {
      size,
      fullParse: med((r) => r.fullParse)!,
      incrementalParse: med((r) => r.incrementalParse)!,
      extraction: med((r) => r.extraction),
      keystroke: med((r) => r.keystroke),
      keystrokeMax: rs.some((r) => r.keystroke !== null) ? Math.max(...rs.map((r) => r.keystroke ?? 0)) : null,
      parseExtract,
      layout: med((r) => r.layout)!,
      bareLayout: med((r) => r.bareLayout)!,
      extractionOverParse: med((r) => (r.extraction === null ? null : r.extraction / r.fullParse)),
      extractionOverParseMax: rs.some((r) => r.extraction !== null) ? Math.max(...rs.map((r) => (r.extraction ?? 0) / r.fullParse)) : null,
    };
  });
  log("\n## Per size (median over dialects, ms)\n");
  log(
    table(
      ["lines", "full parse", "incr. parse", "extraction", "keystroke (max)", "layout", "bare layout", "extraction/parse (max)"],
      perSize.map((s) => [s.size, ms(s.fullParse), ms(s.incrementalParse), ms(s.extraction), `${ms(s.keystroke)} (${ms(s.keystrokeMax)})`, ms(s.layout), ms(s.bareLayout), s.extractionOverParse === null ? "n/a" : `${s.extractionOverParse.toFixed(2)} (${s.extractionOverParseMax!.toFixed(2)})`]),
    ),
  );

  const golden = benchGolden(engine);
  const goldenTotal = goldenTotals(golden);
  if (golden.length) {
    log(`\n## Golden corpus: parse and extraction per script (median ms; ${golden.length} scripts)\n`);
    log(
      table(
        ["script", "lines", "full parse", "extraction", "extraction/parse"],
        [
          ...golden.map((g) => [g.script, g.lines, ms(g.fullParse), ms(g.extraction), (g.extraction / g.fullParse).toFixed(2)]),
          ["total", golden.reduce((t, g) => t + g.lines, 0), ms(goldenTotal.fullParse), ms(goldenTotal.extraction), goldenTotal.ratio.toFixed(2)],
        ],
      ),
    );
  }

  const speed = benchLayoutSpeed();
  const libraries = await benchLibraries();

  const s1000 = perSize.find((s) => s.size === 1000)!;
  const s5000 = perSize.find((s) => s.size === 5000)!;
  const scale =
    s1000.parseExtract !== null && s5000.parseExtract !== null
      ? s5000.parseExtract / s1000.parseExtract
      : s5000.fullParse / s1000.fullParse;
  const perDialectScale = DIALECTS.map((d) => {
    const a = rows.find((r) => r.dialect === d && r.size === "1000")!;
    const b = rows.find((r) => r.dialect === d && r.size === "5000")!;
    return b.extraction === null || a.extraction === null ? null : (b.fullParse + b.extraction) / (a.fullParse + a.extraction);
  }).filter((x): x is number => x !== null);
  const worstExtraction = rows.reduce((m, r) => (r.extraction === null ? m : Math.max(m, r.extraction / r.fullParse)), 0);
  const layoutRatioScripts = rows.filter((r) => r.bareLayout > 0).map((r) => r.layout / r.bareLayout);
  const targets = [
    { target: "extraction / full parse ≤ 1.0 (worst script)", value: engine ? worstExtraction : null, met: engine ? worstExtraction <= 1.0 : null },
    { target: "keystroke path, 1,000 lines ≤ 16 ms (worst dialect)", value: s1000.keystrokeMax, met: s1000.keystrokeMax === null ? null : s1000.keystrokeMax <= 16 },
    {
      target: "5,000-line / 1,000-line parse+extract ≤ 6 (median; worst dialect)",
      value: scale,
      worst: perDialectScale.length ? Math.max(...perDialectScale) : null,
      met: scale <= 6 && (perDialectScale.length === 0 || Math.max(...perDialectScale) <= 6),
    },
    {
      target: "golden corpus: total extraction / total full parse ≤ 1.0 (worst script in brackets)",
      value: golden.length ? goldenTotal.ratio : null,
      worst: goldenTotal.worst ? goldenTotal.worst.extraction / goldenTotal.worst.fullParse : null,
      worstName: goldenTotal.worst?.script,
      met: golden.length ? goldenTotal.ratio <= 1.0 : null,
    },
    ...speed
      .filter((r) => r.target !== null)
      .map((r) => ({ target: `layout + routing, ${r.graph} ≤ ${r.target} ms (worse of TB / LR)`, value: r.ms, met: r.ms <= r.target! })),
  ];

  log("\n## Layout and edge routing (median ms, the worse of TB and LR)\n");
  log(table(["graph", "nodes", "edges", "layout + routes (wall)", "CPU time", "target"], speed.map((r) => [r.graph, r.nodes, r.edges, ms(r.ms), ms(r.cpuMs), r.target === null ? "bounded (reported)" : `≤ ${r.target}`])));
  log(`\nlayout / bare layout over the generated scripts: median ${median(layoutRatioScripts).toFixed(2)}, max ${Math.max(...layoutRatioScripts).toFixed(2)}`);

  log("\n## Layered-layout libraries on workflow graphs (median ms; readability of the flat drawing)\n");
  log(
    table(
      ["library", "nodes", "ms", "overlaps", "crossings", "edges downwards", "width × height", "note"],
      libraries.map((l) => [
        l.library,
        l.nodes,
        ms(l.ms),
        l.readability ? l.readability.overlaps : "-",
        l.readability ? l.readability.crossings : "-",
        l.readability ? `${Math.round(l.readability.forward * 100)}%` : "-",
        l.readability ? `${l.readability.width} × ${l.readability.height}` : "-",
        l.note ?? "",
      ]),
    ),
  );

  log("\n## Targets\n");
  for (const t of targets) {
    const value = t.value === null ? "n/a" : t.value.toFixed(2);
    const worstOf = "worstName" in t && t.worstName ? `worst script ${t.worstName}` : "worst dialect";
    const worst = "worst" in t && t.worst != null ? ` (${worstOf} ${t.worst.toFixed(2)})` : "";
    log(`- ${t.met === null ? "NOT MEASURED" : t.met ? "met" : "NOT met"}: ${t.target}: ${value}${worst}`);
  }

  if (JSON_OUT) {
    console.log(
      JSON.stringify(
        {
          date: started.toISOString(),
          node: process.version,
          cores: os.cpus().length,
          quick: QUICK,
          engine: engine ? { visualizeTree: engine.visualizeTree !== null } : null,
          scripts: rows,
          perSize,
          golden,
          layoutSpeed: speed,
          libraries,
          targets,
        },
        null,
        2,
      ),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
