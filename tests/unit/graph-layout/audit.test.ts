import { describe, expect, it } from "vitest";
import { auditDrawing, auditPasses, countCrossings } from "~/lib/graph-layout/audit";
import type { EdgeRoute, LayoutResult, NodeBox } from "~/lib/graph-layout/types";
import type { GraphEdge, WorkflowGraph } from "~/lib/visualizer/types";

/* Hand-made drawings with known faults: the audit must see each of them (it is not a test that cannot fail). */

type P = [number, number];
const box = (x: number, y: number, parent: string | null = null): NodeBox => ({ x, y, width: 100, height: 40, parent });
const route = (points: P[], extra: Partial<EdgeRoute> = {}): EdgeRoute => ({
  path: `M${points.map((p) => p.join(",")).join(" L")}`,
  points,
  label: null,
  back: false,
  ...extra,
});
const edgeOf = (id: string, source: string, target: string, label?: string): GraphEdge => ({ id, source, target, kind: "flow", label });

function drawing(nodes: Record<string, NodeBox>, edges: Array<[GraphEdge, EdgeRoute]>): { graph: WorkflowGraph; layout: LayoutResult } {
  const span = { from: 0, to: 1, startLine: 1, endLine: 1 };
  const graph: WorkflowGraph = {
    dialect: "generic",
    nodes: Object.entries(nodes).map(([id, b]) => ({ id, label: id, kind: "step", source: span, definition: null, parent: b.parent })),
    edges: edges.map(([e]) => e),
    diagnostics: [],
  };
  const layout: LayoutResult = {
    direction: "TB",
    structureKey: "test",
    nodes,
    edges: Object.fromEntries(edges.map(([e, r]) => [e.id, r])),
    bounds: { x: 0, y: 0, width: 1000, height: 1000 },
    origin: "fresh",
  };
  return { graph, layout };
}

describe("auditDrawing", () => {
  it("sees an edge through a box other than its ends (1)", () => {
    const { graph, layout } = drawing({ a: box(0, 0), b: box(0, 100), c: box(0, 200) }, [
      [edgeOf("ac", "a", "c"), route([[50, 40], [50, 200]])],
      [edgeOf("ab", "a", "b"), route([[20, 40], [20, 100]])],
    ]);
    const r = auditDrawing(graph, layout);
    expect(r.throughNodes).toBe(1);
    expect(r.findings[0]!.detail).toContain("passes through b");
    expect(auditPasses(r)).toBe(false);
  });

  it("lets an edge cross its own frame but not another one (1)", () => {
    const nodes = { g: { x: 0, y: 0, width: 300, height: 200, parent: null }, x: box(20, 50, "g"), h: { x: 0, y: 300, width: 300, height: 100, parent: null }, y: box(20, 500) };
    const own = drawing(nodes, [[edgeOf("xy", "x", "y"), route([[250, 90], [250, 250], [320, 250], [320, 480], [70, 480], [70, 500]])]]);
    expect(auditDrawing(own.graph, own.layout).throughNodes).toBe(0);
    const through = drawing(nodes, [[edgeOf("xy", "x", "y"), route([[70, 90], [70, 500]])]]);
    expect(auditDrawing(through.graph, through.layout).throughNodes).toBe(1);
  });

  it("sees two edges drawn on top of each other, and allows it only between shared merge points (2)", () => {
    const nodes = { a: box(0, 0), b: box(200, 0), c: box(0, 300), d: box(200, 300) };
    const shared: P[] = [[150, 120], [150, 220]];
    const bad = drawing(nodes, [
      [edgeOf("ac", "a", "c"), route([[50, 40], [50, 120], ...shared, [50, 220], [50, 300]])],
      [edgeOf("bd", "b", "d"), route([[250, 40], [250, 120], ...shared, [250, 220], [250, 300]])],
    ]);
    expect(auditDrawing(bad.graph, bad.layout).overlaps).toBe(1);
    const merged = drawing(nodes, [
      [edgeOf("ac", "a", "c"), route([[50, 40], [50, 120], ...shared, [50, 220], [50, 300]], { junctions: shared })],
      [edgeOf("bd", "b", "d"), route([[250, 40], [250, 120], ...shared, [250, 220], [250, 300]], { junctions: shared })],
    ]);
    expect(auditDrawing(merged.graph, merged.layout).overlaps).toBe(0);
    // a → b and b → a on the very same line.
    const twoWay = drawing({ a: box(0, 0), b: box(0, 200) }, [
      [edgeOf("ab", "a", "b"), route([[50, 40], [50, 200]])],
      [edgeOf("ba", "b", "a"), route([[50, 200], [50, 40]], { back: true })],
    ]);
    expect(auditDrawing(twoWay.graph, twoWay.layout).overlaps).toBe(1);
  });

  it("sees labels on a node, on another label, or off their edge (3)", () => {
    const nodes = { a: box(0, 0), b: box(0, 200), c: box(300, 200) };
    const { graph, layout } = drawing(nodes, [
      [edgeOf("ab", "a", "b", "on a node"), route([[50, 40], [50, 200]], { label: { x: 30, y: 190, width: 60, height: 18 } })],
      [edgeOf("ac", "a", "c", "fine"), route([[80, 40], [350, 200]], { label: { x: 180, y: 110, width: 40, height: 18 } })],
      [edgeOf("ac2", "a", "c", "overlaps fine"), route([[90, 40], [360, 200]], { label: { x: 190, y: 115, width: 40, height: 18 } })],
      [edgeOf("bc", "b", "c", "off"), route([[100, 220], [300, 220]], { label: { x: 150, y: 300, width: 40, height: 18 } })],
    ]);
    const r = auditDrawing(graph, layout);
    expect(r.labelFaults).toBe(3);
    const details = r.findings.filter((f) => f.check === 3).map((f) => f.detail).join("\n");
    expect(details).toContain("on node b");
    expect(details).toContain("on the label of ac2");
    expect(details).toContain("off its edge");
  });

  it("sees a back edge drawn in the layer direction (4)", () => {
    const nodes = { a: box(0, 0), b: box(0, 200) };
    const unmarked = drawing(nodes, [[edgeOf("ba", "b", "a"), route([[50, 200], [50, 40]])]]);
    expect(auditDrawing(unmarked.graph, unmarked.layout).backFaults).toBe(1);
    const throughFaces = drawing(nodes, [[edgeOf("ba", "b", "a"), route([[50, 200], [50, 40]], { back: true })]]);
    expect(auditDrawing(throughFaces.graph, throughFaces.layout).backFaults).toBe(1);
    const aroundTheSide = drawing(nodes, [[edgeOf("ba", "b", "a"), route([[100, 220], [130, 220], [130, 20], [100, 20]], { back: true })]]);
    expect(auditDrawing(aroundTheSide.graph, aroundTheSide.layout).backFaults).toBe(0);
  });

  it("sees a self-loop that is not drawn, or hides inside its node (5)", () => {
    const nodes = { a: box(0, 0) };
    const hidden = drawing(nodes, [[edgeOf("aa", "a", "a"), route([[50, 10], [60, 20], [50, 30]], { back: true })]]);
    const rh = auditDrawing(hidden.graph, hidden.layout);
    expect([rh.selfLoops, rh.hiddenLoops]).toEqual([1, 1]);
    const visible = drawing(nodes, [[edgeOf("aa", "a", "a"), route([[0, 10], [-15, 10], [-15, 30], [0, 30]], { back: true })]]);
    const rv = auditDrawing(visible.graph, visible.layout);
    expect([rv.selfLoops, rv.hiddenLoops]).toEqual([1, 0]);
  });
});

describe("countCrossings", () => {
  it("counts proper crossings once, not touches at shared ends", () => {
    const x = [
      { points: [[0, 0], [100, 100]] as P[], anchors: [] },
      { points: [[0, 100], [100, 0]] as P[], anchors: [] },
    ];
    expect(countCrossings(x)).toBe(1);
    const fan = [
      { points: [[0, 0], [100, 100]] as P[], anchors: [[0, 0]] as P[] },
      { points: [[0, 0], [-100, 100]] as P[], anchors: [[0, 0]] as P[] },
    ];
    expect(countCrossings(fan)).toBe(0);
    // A sampled curve crossing a line at one place counts once.
    const curve: P[] = Array.from({ length: 21 }, (_, i) => [i * 5, 50 + Math.sin(i / 3) * 2]);
    expect(countCrossings([{ points: curve, anchors: [] }, { points: [[50, 0], [50, 100]], anchors: [] }])).toBe(1);
  });
});
