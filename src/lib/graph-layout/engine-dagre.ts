import dagre from "@dagrejs/dagre";
import { SPACING } from "./node-size";
import type { EngineInput, EngineOutput, LayeredEngine } from "./types";

/**
 * `@dagrejs/dagre` behind the same engine interface: kept as the measured alternative
 * (benchmark) and as a fallback should d3-dag ever misbehave on a graph.
 */
export const dagreEngine: LayeredEngine = ({ sizes, links }: EngineInput): EngineOutput => {
  const n = sizes.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n === 0) return { x, y, width: 0, height: 0 };
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: SPACING.node, ranksep: SPACING.rank, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (let i = 0; i < n; i++) {
    const [width, height] = sizes[i]!;
    g.setNode(String(i), { width, height });
  }
  for (const [s, t] of links) g.setEdge(String(s), String(t));
  dagre.layout(g);
  let width = 0;
  let height = 0;
  for (let i = 0; i < n; i++) {
    const label = g.node(String(i)) as { x: number; y: number };
    const [w, h] = sizes[i]!;
    x[i] = label.x;
    y[i] = label.y;
    width = Math.max(width, label.x + w / 2);
    height = Math.max(height, label.y + h / 2);
  }
  return { x, y, width, height };
};
