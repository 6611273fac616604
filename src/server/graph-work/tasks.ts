/**
 * The graph work itself — visualize a script, lay out a graph — as plain functions of plain data, so the same code
 * runs on a worker thread (worker.ts) and inline where no worker pool exists (unit tests). Size bounds are applied
 * here, where the graph is made: a graph past them never crosses to the event loop's thread, only its counts do.
 */
import { layoutGraph } from "~/lib/graph-layout/layout";
import type { LayoutDirection, LayoutResult } from "~/lib/graph-layout/types";
import { visualize } from "~/lib/visualizer";
import type { WorkflowGraph } from "~/lib/visualizer/types";

/** What the gallery shows of a graph: its dialect, its nodes (groups not counted) and its edges. */
export interface GraphCounts {
  dialect: string;
  nodes: number;
  edges: number;
}

/** The most a graph may hold to be sent back from the worker: nodes (groups not counted) and edges. */
export interface GraphBound {
  maxNodes: number;
  maxEdges: number;
}

export type GraphTask =
  /** The counts of the graph of `code`, and the graph itself when `send` is given and it is within that bound. */
  | { kind: "visualize"; code: string; send: GraphBound | null }
  | { kind: "layout"; graph: WorkflowGraph; direction: LayoutDirection };

export type GraphTaskResult =
  /** `graph` is null when it was not asked for, or was past the bound given. */
  | { kind: "visualize"; counts: GraphCounts; graph: WorkflowGraph | null }
  | { kind: "layout"; layout: LayoutResult };

export function countsOf(graph: WorkflowGraph): GraphCounts {
  let nodes = 0;
  for (const node of graph.nodes) if (node.kind !== "group") nodes++;
  return { dialect: graph.dialect, nodes, edges: graph.edges.length };
}

export function runGraphTask(task: GraphTask): GraphTaskResult {
  if (task.kind === "layout") return { kind: "layout", layout: layoutGraph(task.graph, { direction: task.direction }) };
  const graph = visualize(task.code);
  const counts = countsOf(graph);
  const within = task.send !== null && counts.nodes <= task.send.maxNodes && counts.edges <= task.send.maxEdges;
  return { kind: "visualize", counts, graph: within ? graph : null };
}
