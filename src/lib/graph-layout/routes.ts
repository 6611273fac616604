import type { WorkflowGraph } from "~/lib/visualizer/types";
import { edgePath } from "./export-svg";
import type { EdgeRoute, LayoutDirection, NodeBox } from "./types";

/**
 * The route of every edge between placed nodes: for now the handle-to-handle curve the view drew before routes
 * existed, and a label box at its middle. (The layered router replaces this.)
 */
export function routeEdges(graph: WorkflowGraph, nodes: Record<string, NodeBox>, direction: LayoutDirection): Record<string, EdgeRoute> {
  const routes: Record<string, EdgeRoute> = {};
  for (const e of graph.edges) {
    const s = nodes[e.source];
    const t = nodes[e.target];
    if (!s || !t) continue;
    const { d, mid } = edgePath(s, t, direction);
    const width = e.label ? Math.min(24, Array.from(e.label).length) * 6.5 + 10 : 0;
    routes[e.id] = {
      path: d,
      points: [
        [s.x + s.width / 2, s.y + s.height / 2],
        [t.x + t.width / 2, t.y + t.height / 2],
      ],
      label: e.label ? { x: mid[0] - width / 2, y: mid[1] - 9, width, height: 18 } : null,
      back: false,
    };
  }
  return routes;
}
