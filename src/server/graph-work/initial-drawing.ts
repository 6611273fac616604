/**
 * The first drawing of an editor page, computed on the server so the page arrives with the graph drawn — within a
 * budget (docs/decisions/037): the visualizer and the layout run on worker threads, together for at most
 * `firstPaintBudgetMs`, and the layout only for graphs up to the first-paint bound. Past the bound (or the budget)
 * the page ships the graph without a layout, or no graph at all past the API's bound, and the browser draws it —
 * the editor shows the "large graph" notice then.
 */
import type { LayoutResult } from "~/lib/graph-layout/types";
import type { WorkflowGraph } from "~/lib/visualizer/types";
import { requestLimits } from "../limits";
import { graphWork } from "./registry";

/** Shown by the editor above the graph when the server left the drawing to the browser because the graph is large. */
export interface LargeGraphNotice {
  /** Nodes (groups not counted) and edges, when the visualizer finished on the server; else null. */
  nodes: number | null;
  edges: number | null;
}

export interface InitialDrawing {
  /** Null: the browser reads the graph from the code itself. */
  graph: WorkflowGraph | null;
  /** Null: the browser's layout worker lays the graph out. */
  layout: LayoutResult | null;
  largeGraph: LargeGraphNotice | null;
}

/** The page waits at most this long for a free worker thread, at each step, before leaving the work to the browser. */
const FIRST_PAINT_MAX_WAIT_MS = 300;

export async function initialDrawing(code: string): Promise<InitialDrawing> {
  const { api, firstPaint, firstPaintBudgetMs } = requestLimits().graph;
  const started = performance.now();
  const work = graphWork();
  const visualized = await work.run(
    { kind: "visualize", code, send: api },
    { budgetMs: firstPaintBudgetMs, maxWaitMs: FIRST_PAINT_MAX_WAIT_MS },
  );
  if (visualized.status !== "done" || visualized.value.kind !== "visualize") {
    const large = visualized.status === "over-budget" || visualized.status === "failed";
    return { graph: null, layout: null, largeGraph: large ? { nodes: null, edges: null } : null };
  }
  const { graph, counts } = visualized.value;
  const notice = { nodes: counts.nodes, edges: counts.edges };
  if (!graph) return { graph: null, layout: null, largeGraph: notice };
  if (graph.nodes.length === 0) return { graph, layout: null, largeGraph: null };
  if (counts.nodes > firstPaint.maxNodes || counts.edges > firstPaint.maxEdges) return { graph, layout: null, largeGraph: notice };
  const remainingMs = Math.floor(firstPaintBudgetMs - (performance.now() - started));
  if (remainingMs < 20) return { graph, layout: null, largeGraph: null };
  const laidOut = await work.run(
    { kind: "layout", graph, direction: "TB" },
    { budgetMs: remainingMs, maxWaitMs: Math.min(FIRST_PAINT_MAX_WAIT_MS, remainingMs) },
  );
  if (laidOut.status === "done" && laidOut.value.kind === "layout") return { graph, layout: laidOut.value.layout, largeGraph: null };
  // Over budget: large for the server, so the notice. Busy (or a failure): the browser lays it out, no notice.
  return { graph, layout: null, largeGraph: laidOut.status === "over-budget" ? notice : null };
}
