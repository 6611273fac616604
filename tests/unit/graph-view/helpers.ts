import type { EdgeRoute, LayoutResult, NodeBox } from "~/lib/graph-layout/types";
import type { GraphEdge, GraphNode, WorkflowGraph } from "~/lib/visualizer/types";

export const span = (line: number) => ({ from: line * 10, to: line * 10 + 5, startLine: line, endLine: line });

export function node(id: string, extra: Partial<GraphNode> = {}): GraphNode {
  return { id, label: id, kind: "step", source: span(1), definition: null, parent: null, ...extra };
}

export function edge(source: string, target: string, extra: Partial<GraphEdge> = {}): GraphEdge {
  return { id: `${source}->${target}`, source, target, kind: "flow", ...extra };
}

export function graphOf(nodes: GraphNode[], edges: GraphEdge[], dialect: WorkflowGraph["dialect"] = "generic"): WorkflowGraph {
  return { dialect, nodes, edges, diagnostics: [] };
}

/** A hand-made layout: boxes at the given top-left corners (180 × 44), straight routes, `back` where asked. */
export function layoutOf(
  graph: WorkflowGraph,
  at: Record<string, [number, number] | [number, number, number, number]>,
  options: { direction?: "TB" | "LR"; back?: string[]; key?: string } = {},
): LayoutResult {
  const nodes: Record<string, NodeBox> = {};
  for (const n of graph.nodes) {
    const p = at[n.id];
    if (!p) continue;
    nodes[n.id] = { x: p[0], y: p[1], width: p[2] ?? 180, height: p[3] ?? 44, parent: n.parent };
  }
  const edges: Record<string, EdgeRoute> = {};
  for (const e of graph.edges) {
    const s = nodes[e.source];
    const t = nodes[e.target];
    if (!s || !t) continue;
    const a: [number, number] = [s.x + s.width / 2, s.y + s.height];
    const b: [number, number] = [t.x + t.width / 2, t.y];
    edges[e.id] = { path: `M${a[0]},${a[1]}L${b[0]},${b[1]}`, points: [a, b], label: null, back: options.back?.includes(e.id) ?? false };
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const b of Object.values(nodes)) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  return {
    direction: options.direction ?? "TB",
    structureKey: options.key ?? Object.keys(nodes).sort().join(","),
    nodes,
    edges,
    bounds: { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
    origin: "fresh",
  };
}
