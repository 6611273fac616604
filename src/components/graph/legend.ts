import { nodeFamily, type EdgeStyleName, type NodeFamily } from "~/lib/graph-layout/node-style";
import type { LayoutResult } from "~/lib/graph-layout/types";
import type { WorkflowGraph } from "~/lib/visualizer/types";

/** What the legend lists: only what the drawing shows, in a fixed order. */
export interface LegendEntries {
  families: NodeFamily[];
  edges: EdgeStyleName[];
  /** Some node stands for many (a mapped task). */
  mapped: boolean;
}

const FAMILY_ORDER: NodeFamily[] = [
  "start",
  "end",
  "node",
  "agent",
  "tools",
  "subgraph",
  "task",
  "flow",
  "op",
  "asset",
  "python",
  "bash",
  "sql",
  "transfer",
  "sensor",
  "branch",
  "empty",
  "function",
  "other",
  "dataset",
  "group",
];

const EDGE_ORDER: EdgeStyleName[] = ["flow", "data", "conditional", "back", "inferred"];

/**
 * The legend of a drawing: the node families, edge styles and the mapped-task stack that appear in `graph` (the
 * graph as drawn, groups collapsed) — `layout` says which edges are back edges; without it no edge counts as one.
 */
export function legendEntries(graph: WorkflowGraph, layout: LayoutResult | null): LegendEntries {
  const families = new Set<NodeFamily>();
  let mapped = false;
  for (const n of graph.nodes) {
    if (layout && !layout.nodes[n.id]) continue;
    families.add(nodeFamily(n, graph.dialect));
    if (n.many) mapped = true;
  }
  const edges = new Set<EdgeStyleName>();
  for (const e of graph.edges) {
    if (layout && !layout.edges[e.id]) continue;
    edges.add(e.kind);
    if (e.inferred) edges.add("inferred");
    if (layout?.edges[e.id]?.back) edges.add("back");
  }
  return {
    families: FAMILY_ORDER.filter((f) => families.has(f)),
    edges: EDGE_ORDER.filter((s) => edges.has(s)),
    mapped,
  };
}
