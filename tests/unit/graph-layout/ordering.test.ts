import { describe, expect, it } from "vitest";
import { auditDrawing } from "~/lib/graph-layout/audit";
import { layoutGraph } from "~/lib/graph-layout/layout";
import { orderLayers, type OrderOptions, type OrderSegment } from "~/lib/graph-layout/ordering";
import type { LayoutDirection } from "~/lib/graph-layout/types";
import type { GraphEdge, GraphNode, WorkflowGraph } from "~/lib/visualizer/types";

/* The crossing minimisation on small hand-made graphs whose fewest crossings are known. */

const OPTIONS: OrderOptions = { maxSweeps: 24, starts: 8, transpose: true };

/** Items numbered in layer order; `edges` as [upper, lower] pairs between consecutive layers. */
function order(layers: number[][], edges: Array<[number, number]>, extra: Partial<OrderOptions> = {}, fracs: Array<[number, number]> = []) {
  const layerOf: number[] = [];
  layers.forEach((row, l) => row.forEach((x) => (layerOf[x] = l)));
  const segments: OrderSegment[] = edges.map(([a, b], k) => ({ a, b, fa: fracs[k]?.[0] ?? 0, fb: fracs[k]?.[1] ?? 0 }));
  const rows = layers.map((r) => r.slice());
  const crossings = orderLayers(rows, layerOf, segments, { ...OPTIONS, ...extra });
  return { rows, crossings };
}

/** Crossings of an order, counted by brute force over every pair of edges in the same gap. */
function bruteCrossings(rows: number[][], edges: Array<[number, number]>, fracs: Array<[number, number]> = []): number {
  const pos = new Map<number, number>();
  rows.forEach((row) => row.forEach((x, k) => pos.set(x, k)));
  const layerOf = new Map<number, number>();
  rows.forEach((row, l) => row.forEach((x) => layerOf.set(x, l)));
  let n = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const [a, b] = edges[i]!;
      const [c, d] = edges[j]!;
      if (layerOf.get(a) !== layerOf.get(c)) continue;
      const ua = pos.get(a)! + (fracs[i]?.[0] ?? 0);
      const uc = pos.get(c)! + (fracs[j]?.[0] ?? 0);
      const lb = pos.get(b)! + (fracs[i]?.[1] ?? 0);
      const ld = pos.get(d)! + (fracs[j]?.[1] ?? 0);
      if ((ua - uc) * (lb - ld) < 0) n++;
    }
  }
  return n;
}

describe("orderLayers", () => {
  it("uncrosses two crossed edges (one swap)", () => {
    const edges: Array<[number, number]> = [
      [0, 3],
      [1, 2],
    ];
    const { rows, crossings } = order([[0, 1], [2, 3]], edges);
    expect(bruteCrossings([[0, 1], [2, 3]], edges)).toBe(1);
    expect(crossings).toBe(0);
    expect(bruteCrossings(rows, edges)).toBe(0);
  });

  it("keeps K2,2 at its one unavoidable crossing, and reports it", () => {
    const edges: Array<[number, number]> = [
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
    ];
    const { rows, crossings } = order([[0, 1], [2, 3]], edges);
    expect(crossings).toBe(1);
    expect(bruteCrossings(rows, edges)).toBe(1);
  });

  it("straightens a ladder whose middle rung is swapped (two crossings → 0 by one swap)", () => {
    // Two rails a0 → a1 → a2 and b0 → b1 → b2, the middle layer given as [b1, a1].
    const [a0, b0, b1, a1, a2, b2] = [0, 1, 2, 3, 4, 5];
    const layers = [
      [a0, b0],
      [b1, a1],
      [a2, b2],
    ];
    const edges: Array<[number, number]> = [
      [a0, a1],
      [b0, b1],
      [a1, a2],
      [b1, b2],
    ];
    expect(bruteCrossings(layers, edges)).toBe(2);
    const { rows, crossings } = order(layers, edges);
    expect(crossings).toBe(0);
    expect(bruteCrossings(rows, edges)).toBe(0);
    expect(rows[1]!.indexOf(a1) < rows[1]!.indexOf(b1)).toBe(rows[0]!.indexOf(a0) < rows[0]!.indexOf(b0));
  });

  it("finds the crossing-free order of a 3 × 3 bipartite matching given reversed", () => {
    const edges: Array<[number, number]> = [
      [0, 5],
      [1, 4],
      [2, 3],
    ];
    const { rows, crossings } = order([[0, 1, 2], [3, 4, 5]], edges);
    expect(bruteCrossings([[0, 1, 2], [3, 4, 5]], edges)).toBe(3);
    expect(crossings).toBe(0);
    expect(bruteCrossings(rows, edges)).toBe(0);
  });

  it("counts fixed ports where they are: a box whose right port goes left is a crossing until the targets swap", () => {
    // Item 0 has two links: to 1 from its right port (+0.4), to 2 from its left port (−0.4).
    const edges: Array<[number, number]> = [
      [0, 1],
      [0, 2],
    ];
    const fracs: Array<[number, number]> = [
      [0.4, 0],
      [-0.4, 0],
    ];
    expect(bruteCrossings([[0], [1, 2]], edges, fracs)).toBe(1);
    const { rows, crossings } = order([[0], [1, 2]], edges, {}, fracs);
    expect(crossings).toBe(0);
    expect(rows[1]).toEqual([2, 1]);
  });

  it("orders a layer with a wanted order by it and never moves it; the rest follows", () => {
    // Layer 0 holds two frame crossing points whose outside order is q, p; inside, p → u and q → v.
    const [p, q, u, v] = [0, 1, 2, 3];
    const fixed = new Float64Array(4).fill(NaN);
    fixed[p] = 200;
    fixed[q] = 100;
    const edges: Array<[number, number]> = [
      [p, u],
      [q, v],
    ];
    const { rows, crossings } = order([[p, q], [u, v]], edges, { fixed });
    expect(rows[0]).toEqual([q, p]);
    expect(rows[1]).toEqual([v, u]);
    expect(crossings).toBe(0);
  });

  it("never reports fewer crossings than the order it returns has", () => {
    // A small random layered graph, seeded: the count returned is the true count of the order kept.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const layers: number[][] = [];
    let id = 0;
    for (let l = 0; l < 5; l++) layers.push(Array.from({ length: 4 + (l % 2) }, () => id++));
    const edges: Array<[number, number]> = [];
    for (let l = 0; l + 1 < layers.length; l++) {
      for (const a of layers[l]!) for (const b of layers[l + 1]!) if (random() < 0.35) edges.push([a, b]);
    }
    const before = bruteCrossings(layers, edges);
    const { rows, crossings } = order(layers, edges);
    expect(crossings).toBe(bruteCrossings(rows, edges));
    expect(crossings).toBeLessThanOrEqual(before);
  });
});

/* The same on the drawing: what the audit counts on the drawn routes. */

const span = { from: 0, to: 1, startLine: 1, endLine: 1 };
const node = (id: string): GraphNode => ({ id, label: id, kind: "step", source: span, definition: null, parent: null });
const edge = (source: string, target: string): GraphEdge => ({ id: `${source}->${target}`, source, target, kind: "flow" });
const graphOf = (nodes: string[], edges: Array<[string, string]>): WorkflowGraph => ({
  dialect: "generic",
  nodes: nodes.map(node),
  edges: edges.map(([s, t]) => edge(s, t)),
  diagnostics: [],
});

describe("crossings as drawn", () => {
  it.each<LayoutDirection>(["TB", "LR"])("draws a ladder whose ids sort across its rails with no crossing (%s)", (direction) => {
    // Rails a0 → z1 → a2 and b0 → y1 → b2: by id, the middle layer sorts y1 before z1, the other layers a before b.
    const g = graphOf(
      ["a0", "b0", "y1", "z1", "a2", "b2"],
      [
        ["a0", "z1"],
        ["b0", "y1"],
        ["z1", "a2"],
        ["y1", "b2"],
      ],
    );
    expect(auditDrawing(g, layoutGraph(g, { direction })).crossings).toBe(0);
  });

  it("draws K2,2 below a common parent with its one unavoidable crossing", () => {
    const k22 = graphOf(
      ["s", "a", "b", "c", "d"],
      [
        ["s", "a"],
        ["s", "b"],
        ["a", "c"],
        ["a", "d"],
        ["b", "c"],
        ["b", "d"],
      ],
    );
    expect(auditDrawing(k22, layoutGraph(k22, { direction: "TB" })).crossings).toBe(1);
  });
});
