import { graph, sugiyama, type MutGraphNode } from "d3-dag";
import { SPACING } from "./node-size";
import type { EngineInput, EngineOutput, LayeredEngine } from "./types";

type Size = readonly [number, number];

// Built once: the operator is immutable and reads each node's size from its datum.
const layout = sugiyama()
  .nodeSize((node: { data: Size }) => node.data)
  .gap([SPACING.node, SPACING.rank]);

/**
 * d3-dag's Sugiyama layout (simplex layering, two-layer decrossing, simplex coordinates):
 * the fastest of the measured libraries at equal readability (docs/benchmarks-visualizer.md).
 */
export const d3DagEngine: LayeredEngine = ({ sizes, links }: EngineInput): EngineOutput => {
  const n = sizes.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n === 0) return { x, y, width: 0, height: 0 };
  if (n === 1 || links.length === 0) return row(sizes);
  const g = graph<Size, undefined>();
  const handles: MutGraphNode<Size, undefined>[] = new Array(n);
  for (let i = 0; i < n; i++) handles[i] = g.node(sizes[i]!);
  for (const [s, t] of links) g.link(handles[s]!, handles[t]!);
  const { width, height } = layout(g);
  for (let i = 0; i < n; i++) {
    const h = handles[i]!;
    x[i] = h.x;
    y[i] = h.y;
  }
  return { x, y, width, height };
};

/** Nodes without links: one rank, side by side (what the library would do, without calling it). */
function row(sizes: EngineInput["sizes"]): EngineOutput {
  const n = sizes.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let height = 0;
  for (const [, h] of sizes) height = Math.max(height, h);
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    const [w] = sizes[i]!;
    x[i] = cursor + w / 2;
    y[i] = height / 2;
    cursor += w + SPACING.node;
  }
  return { x, y, width: Math.max(0, cursor - SPACING.node), height };
}
