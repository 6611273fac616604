/**
 * The drawing audit (issue 11): lays out and routes every graph of the golden corpus, the examples, a dense Airflow
 * script and generated graphs of 20–500 nodes, in both directions, and counts on the geometry actually drawn
 * (src/lib/graph-layout/audit.ts):
 *   1. edges through a node box other than their ends   2. edges drawn on top of each other
 *   3. labels on a node / another label / off their edge  4. back edges drawn in the layer direction
 *   5. self-loops not drawn visibly                       6. crossings, beside ELK layered's and dagre's on the same graphs
 * Prints a table per graph size and the totals, and the comparison per graph; exits non-zero when any of 1–5 is not
 * 0, or when ours crosses more than ELK or dagre on a compared graph (item 6) beyond the few recorded exceptions
 * below (docs/decisions/058), each with its own ceiling, so a regression fails CI.
 *
 *   npm run audit:drawing                  the audit, with the ELK / dagre comparison (top-to-bottom, graphs up to
 *                                          100 nodes and 400 edges: ELK and dagre take seconds on the bigger ones)
 *   npm run audit:drawing -- --compare-all the comparison on every graph (minutes)
 *   npm run audit:drawing -- --no-compare  without the comparison (faster)
 *   npm run audit:drawing -- --verbose     every finding, and the graphs where ours crosses more
 *   npm run audit:drawing -- --json        JSON on stdout (tables on stderr)
 *   npm run audit:drawing -- --progress    one line per drawing on stderr, with its times
 */
import dagre from "@dagrejs/dagre";
import ELK from "elkjs/lib/elk.bundled.js";
import { auditDrawing, auditPasses, countCrossings, type AuditResult, type DrawnLine, type Pt } from "../src/lib/graph-layout/audit";
import { layoutGraph } from "../src/lib/graph-layout/layout";
import { edgeLabelSize, edgeLabelText, GROUP_PADDING, leafSize, SPACING } from "../src/lib/graph-layout/node-size";
import type { LayoutDirection } from "../src/lib/graph-layout/types";
import type { WorkflowGraph } from "../src/lib/visualizer/types";
import { cases, type Case } from "./lib/drawing-cases";

const args = new Set(process.argv.slice(2));
const COMPARE = !args.has("--no-compare");
/** ELK and dagre take seconds on the big graphs (ELK about a minute on the dense one): by default they draw the small ones. */
const COMPARE_ALL = args.has("--compare-all");
const COMPARE_MAX_NODES = 100;
const VERBOSE = args.has("--verbose");
const JSON_OUT = args.has("--json");
const PROGRESS = args.has("--progress");
/**
 * Item 6 exceptions: graphs where ours still crosses more than ELK or dagre (top-to-bottom), with the most crossings
 * allowed and why (docs/decisions/058). Anywhere else ours must cross no more than the fewer of ELK's and dagre's.
 */
const CROSSING_EXCEPTIONS: Record<string, { max: number; why: string }> = {
  "airflow/datasets": { max: 1, why: "ELK 1; dagre 0 because the comparison leaves out edges ending on a frame (dagre cannot route them)" },
  "kedro/namespaced_reuse (datasets)": { max: 1, why: "as dagre; ELK orders the whole hierarchy at once" },
  "kedro/namespaces_in_a_loop (datasets)": { max: 9, why: "nested frames laid out one by one (ELK and dagre order the hierarchy at once)" },
  "generated/random-50": { max: 12, why: "S-curves and gap tracks cross where ELK's orthogonal routes do not (dagre 18)" },
  "generated/nested-100": { max: 40, why: "three-deep frames laid out one by one; dagre leaves out the edges ending on frames" },
};
const log = (...parts: unknown[]) => (JSON_OUT ? console.error(...parts) : console.log(...parts));

/* ------------------------------------------------------------------------------------------------------------ */
/* The same graphs drawn by ELK layered and by dagre (crossings only)                                            */
/* ------------------------------------------------------------------------------------------------------------ */

const elk = new ELK();

interface ElkShape {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkShape[];
  edges?: ElkEdgeOut[];
  labels?: Array<{ text: string; width: number; height: number }>;
  layoutOptions?: Record<string, string>;
}
interface ElkEdgeOut {
  id: string;
  sources: string[];
  targets: string[];
  labels?: Array<{ text: string; width: number; height: number }>;
  sections?: Array<{ startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: Array<{ x: number; y: number }> }>;
}

const hasChildren = (g: WorkflowGraph) => {
  const set = new Set<string>();
  for (const n of g.nodes) if (n.parent !== null) set.add(n.parent);
  return set;
};

/** ELK layered on the compound graph (frames included), orthogonal routes, labels placed by ELK; polylines in root coordinates. */
async function elkLines(g: WorkflowGraph, direction: LayoutDirection): Promise<DrawnLine[]> {
  const ids = new Set(g.nodes.map((n) => n.id));
  const frames = hasChildren(g);
  const shapes = new Map<string, ElkShape>();
  const root: ElkShape = {
    id: "\u0000root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": direction === "TB" ? "DOWN" : "RIGHT",
      "elk.hierarchyHandling": "INCLUDE_CHILDREN",
      "elk.spacing.nodeNode": String(SPACING.node),
      "elk.layered.spacing.nodeNodeBetweenLayers": String(SPACING.rank),
      "elk.json.edgeCoords": "ROOT",
      "elk.json.shapeCoords": "ROOT",
    },
    children: [],
    edges: [],
  };
  for (const n of g.nodes) {
    const size = leafSize(n.kind);
    shapes.set(n.id, frames.has(n.id) ? { id: n.id, children: [], layoutOptions: { "elk.padding": `[top=${GROUP_PADDING.top},left=${GROUP_PADDING.left},bottom=${GROUP_PADDING.bottom},right=${GROUP_PADDING.right}]` } } : { id: n.id, width: size.width, height: size.height });
  }
  for (const n of g.nodes) {
    const parent = n.parent !== null && ids.has(n.parent) ? shapes.get(n.parent)! : root;
    (parent.children ??= []).push(shapes.get(n.id)!);
  }
  g.edges.forEach((e, i) => {
    if (!ids.has(e.source) || !ids.has(e.target)) return;
    const text = edgeLabelText(e);
    const size = edgeLabelSize(text);
    root.edges!.push({ id: `e${i}`, sources: [e.source], targets: [e.target], labels: text && size ? [{ text, width: size.width, height: size.height }] : undefined });
  });
  const out = (await elk.layout(root as never)) as unknown as ElkShape;
  const lines: DrawnLine[] = [];
  for (const e of out.edges ?? []) {
    const points: Pt[] = [];
    for (const s of e.sections ?? []) {
      points.push([s.startPoint.x, s.startPoint.y]);
      for (const b of s.bendPoints ?? []) points.push([b.x, b.y]);
      points.push([s.endPoint.x, s.endPoint.y]);
    }
    if (points.length >= 2) lines.push({ points, anchors: [points[0]!, points[points.length - 1]!] });
  }
  return lines;
}

/** dagre on the compound graph (clusters via setParent; edges ending on a frame are left out: dagre cannot route them). */
function dagreLines(g: WorkflowGraph, direction: LayoutDirection): DrawnLine[] {
  const ids = new Set(g.nodes.map((n) => n.id));
  const frames = hasChildren(g);
  const d = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  d.setGraph({ rankdir: direction, nodesep: SPACING.node, ranksep: SPACING.rank });
  d.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) d.setNode(n.id, frames.has(n.id) ? {} : { ...leafSize(n.kind) });
  for (const n of g.nodes) if (n.parent !== null && ids.has(n.parent)) d.setParent(n.id, n.parent);
  g.edges.forEach((e, i) => {
    if (!ids.has(e.source) || !ids.has(e.target) || frames.has(e.source) || frames.has(e.target)) return;
    const size = edgeLabelSize(edgeLabelText(e));
    d.setEdge(e.source, e.target, size ? { width: size.width, height: size.height, labelpos: "c" } : {}, `e${i}`);
  });
  dagre.layout(d);
  const lines: DrawnLine[] = [];
  for (const ref of d.edges()) {
    const pts = ((d.edge(ref) as { points?: Array<{ x: number; y: number }> }).points ?? []).map((p): Pt => [p.x, p.y]);
    if (pts.length >= 2) lines.push({ points: pts, anchors: [pts[0]!, pts[pts.length - 1]!] });
  }
  return lines;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Run                                                                                                           */
/* ------------------------------------------------------------------------------------------------------------ */

interface Row {
  name: string;
  source: Case["source"];
  direction: LayoutDirection;
  nodes: number;
  edges: number;
  ms: number;
  audit: Omit<AuditResult, "findings">;
  findings: AuditResult["findings"];
  elk: number | null;
  dagre: number | null;
}

const bucket = (n: number) => (n <= 20 ? "≤ 20" : n <= 50 ? "21–50" : n <= 100 ? "51–100" : n <= 200 ? "101–200" : n <= 500 ? "201–500" : "> 500");
const BUCKETS = ["≤ 20", "21–50", "51–100", "101–200", "201–500", "> 500"];

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

async function main() {
  const started = performance.now();
  const rows: Row[] = [];
  for (const c of cases()) {
    for (const direction of ["TB", "LR"] as const) {
      const t = performance.now();
      const layout = layoutGraph(c.graph, { direction });
      const ms = performance.now() - t;
      const { findings, ...audit } = auditDrawing(c.graph, layout);
      let elkCrossings: number | null = null;
      let dagreCrossings: number | null = null;
      if (COMPARE && direction === "TB" && (COMPARE_ALL || c.graph.nodes.length <= COMPARE_MAX_NODES) && (COMPARE_ALL || c.graph.edges.length <= 400)) {
        // ELK runs for many minutes on the 1,600-edge joins (the dense shapes): left out there.
        elkCrossings = c.graph.edges.length <= 1000 ? countCrossings(await elkLines(c.graph, direction)) : null;
        dagreCrossings = countCrossings(dagreLines(c.graph, direction));
        if (PROGRESS) console.error(`  compared: ELK ${elkCrossings ?? "n/a"}, dagre ${dagreCrossings}`);
      }
      rows.push({ name: c.name, source: c.source, direction, nodes: c.graph.nodes.length, edges: c.graph.edges.length, ms, audit, findings, elk: elkCrossings, dagre: dagreCrossings });
      if (PROGRESS) console.error(`${c.name} ${direction}: layout ${ms.toFixed(0)} ms, total ${(performance.now() - t).toFixed(0)} ms`);
    }
  }

  const sum = (rs: Row[], f: (r: Row) => number) => rs.reduce((s, r) => s + f(r), 0);
  const summary = (label: string, rs: Row[]) => {
    const compared = rs.filter((r) => r.elk !== null && r.dagre !== null);
    return [
      label,
      rs.length,
      sum(rs, (r) => r.edges),
      sum(rs, (r) => r.audit.throughNodes),
      sum(rs, (r) => r.audit.overlaps),
      sum(rs, (r) => r.audit.labelFaults),
      sum(rs, (r) => r.audit.backFaults),
      `${sum(rs, (r) => r.audit.selfLoops - r.audit.hiddenLoops)}/${sum(rs, (r) => r.audit.selfLoops)}`,
      sum(rs, (r) => r.audit.crossings),
      compared.length ? `${sum(compared, (r) => r.audit.crossings)} / ${sum(compared, (r) => r.elk!)} / ${sum(compared, (r) => r.dagre!)}` : "-",
      compared.length ? `${compared.filter((r) => r.audit.crossings <= r.elk! && r.audit.crossings <= r.dagre!).length}/${compared.length}` : "-",
      rs.length ? Math.max(...rs.map((r) => r.ms)).toFixed(1) : "-",
    ];
  };
  const headers = ["nodes", "drawings", "edges", "1 through", "2 on top", "3 labels", "4 back", "5 loops shown", "6 crossings", "crossings TB: ours / ELK / dagre", "ours ≤ both", "max ms"];
  log(`# Drawing audit (${new Date().toISOString()}, node ${process.version})\n`);
  log(`## Per graph size (both directions; the comparison is top-to-bottom${COMPARE_ALL ? "" : `, on graphs up to ${COMPARE_MAX_NODES} nodes and 400 edges`})\n`);
  log(table(headers, [...BUCKETS.map((b) => summary(b, rows.filter((r) => bucket(r.nodes) === b))).filter((r) => r[1] !== 0), summary("total", rows)]));
  log("\n## Per source\n");
  log(table(headers, (["corpus", "example", "script", "generated"] as const).map((s) => summary(s, rows.filter((r) => r.source === s))).filter((r) => r[1] !== 0)));

  const comparedRows = rows.filter((r) => r.dagre !== null);
  const fewest = (r: Row) => Math.min(r.elk ?? Infinity, r.dagre ?? Infinity);
  const crossingFails = comparedRows.filter((r) => r.audit.crossings > Math.max(fewest(r), CROSSING_EXCEPTIONS[r.name]?.max ?? -Infinity));
  if (comparedRows.length > 0) {
    log("\n## Crossings per graph, top-to-bottom (item 6: ours ≤ the fewer of ELK's and dagre's, or the recorded exception)\n");
    log(
      table(
        ["graph", "nodes", "edges", "ours", "ELK", "dagre", "item 6"],
        comparedRows.map((r) => {
          const exception = CROSSING_EXCEPTIONS[r.name];
          const verdict = r.audit.crossings <= fewest(r) ? "ok" : exception && r.audit.crossings <= exception.max ? `exception (≤ ${exception.max}): ${exception.why}` : "FAIL";
          return [r.name, r.nodes, r.edges, r.audit.crossings, r.elk ?? "n/a", r.dagre!, verdict];
        }),
      ),
    );
    const spare = Object.keys(CROSSING_EXCEPTIONS).filter((name) => comparedRows.some((r) => r.name === name && r.audit.crossings <= fewest(r)));
    if (spare.length > 0) log(`\nexceptions no longer needed (ours ≤ both now): ${spare.join(", ")}`);
  }
  const onlyDagre = rows.filter((r) => r.elk === null && r.dagre !== null);
  if (onlyDagre.length > 0) {
    log("\n## Compared with dagre only (ELK left out past 1,000 edges)\n");
    log(table(["graph", "nodes", "edges", "ours", "dagre"], onlyDagre.map((r) => [r.name, r.nodes, r.edges, r.audit.crossings, r.dagre!])));
  }
  const failing = rows.filter((r) => !auditPasses(r.audit));
  if (failing.length > 0) {
    log(`\n## Failures (items 1–5): ${failing.length} drawing(s)\n`);
    for (const r of failing) {
      log(`- ${r.name} ${r.direction}: ${r.findings.length} finding(s)`);
      for (const f of r.findings.slice(0, VERBOSE ? Infinity : 5)) log(`    [${f.check}] ${f.detail}`);
    }
  }
  const slowest = rows.slice().sort((a, b) => b.ms - a.ms).slice(0, 3);
  log(`\nslowest layouts: ${slowest.map((r) => `${r.name} ${r.direction} ${r.ms.toFixed(1)} ms`).join("; ")}`);
  if (crossingFails.length > 0) log(`\nitem 6 FAILS on ${crossingFails.length} graph(s): ${crossingFails.map((r) => `${r.name} (${r.audit.crossings} vs ELK ${r.elk ?? "n/a"} / dagre ${r.dagre})`).join("; ")}`);
  const passed = failing.length === 0 && crossingFails.length === 0;
  const item6 = comparedRows.length > 0 ? ", item 6 held" : ", item 6 not compared";
  log(`audit ran in ${((performance.now() - started) / 1000).toFixed(1)} s: ${passed ? `PASS (0 on items 1–5${item6})` : "FAIL"}`);
  if (JSON_OUT) console.log(JSON.stringify(rows.map(({ findings, ...r }) => ({ ...r, findings: findings.length })), null, 2));
  process.exit(passed ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
