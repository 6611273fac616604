import { describe, expect, it } from "vitest";
import { auditDrawing, auditPasses, segmentHitsRect } from "~/lib/graph-layout/audit";
import { collapseGroups } from "~/lib/graph-layout/collapse";
import { toSvg } from "~/lib/graph-layout/export-svg";
import { layoutGraph } from "~/lib/graph-layout/layout";
import { edgeLabelText } from "~/lib/graph-layout/node-size";
import { SAMPLE_FAMILIES, sampleGraph } from "~/lib/graph-layout/sample-graphs";
import type { LayoutDirection, LayoutResult, NodeBox } from "~/lib/graph-layout/types";
import type { GraphEdge, GraphNode, WorkflowGraph } from "~/lib/visualizer/types";

/* Small hand-made graphs where the right drawing is known; every one is also run through the audit. */

const span = { from: 0, to: 1, startLine: 1, endLine: 1 };
const node = (id: string, parent: string | null = null, kind: GraphNode["kind"] = "step"): GraphNode => ({
  id,
  label: id,
  kind,
  source: span,
  definition: null,
  parent,
});
let counter = 0;
const edge = (source: string, target: string, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id: `${source}->${target}#${counter++}`,
  source,
  target,
  kind: "flow",
  ...extra,
});
const graphOf = (nodes: GraphNode[], edges: GraphEdge[]): WorkflowGraph => ({ dialect: "generic", nodes, edges, diagnostics: [] });
const routeOf = (layout: LayoutResult, g: WorkflowGraph, source: string, target: string, n = 0) =>
  layout.edges[g.edges.filter((e) => e.source === source && e.target === target)[n]!.id]!;

const DIRECTIONS: LayoutDirection[] = ["TB", "LR"];

function expectCleanAudit(g: WorkflowGraph, layout: LayoutResult) {
  const audit = auditDrawing(g, layout);
  expect(audit.findings.map((f) => f.detail)).toEqual([]);
  expect(auditPasses(audit)).toBe(true);
  return audit;
}

const onBorder = (p: [number, number], b: NodeBox) => {
  const inX = p[0] >= b.x - 0.5 && p[0] <= b.x + b.width + 0.5;
  const inY = p[1] >= b.y - 0.5 && p[1] <= b.y + b.height + 0.5;
  const onV = Math.abs(p[0] - b.x) < 0.5 || Math.abs(p[0] - b.x - b.width) < 0.5;
  const onH = Math.abs(p[1] - b.y) < 0.5 || Math.abs(p[1] - b.y - b.height) < 0.5;
  return inX && inY && (onV || onH);
};

describe("edge routes", () => {
  it("routes an edge that spans a layer around the node in between (agent → escalate does not run through tools)", () => {
    const g = graphOf([node("agent"), node("tools"), node("escalate")], [edge("agent", "tools"), edge("tools", "escalate"), edge("agent", "escalate")]);
    for (const direction of DIRECTIONS) {
      const layout = layoutGraph(g, { direction });
      const tools = layout.nodes.tools!;
      const long = routeOf(layout, g, "agent", "escalate");
      for (let i = 0; i + 1 < long.points.length; i++) {
        expect(segmentHitsRect(long.points[i]!, long.points[i + 1]!, tools), `segment ${i} in ${direction}`).toBe(false);
      }
      // It had to leave the straight line: some point is beside the tools box.
      const cross = direction === "TB" ? 0 : 1;
      const beside = long.points.some((p) => p[cross] < (direction === "TB" ? tools.x : tools.y) || p[cross] > (direction === "TB" ? tools.x + tools.width : tools.y + tools.height));
      expect(beside).toBe(true);
      expect(onBorder(long.points[0]!, layout.nodes.agent!)).toBe(true);
      expect(onBorder(long.points[long.points.length - 1]!, layout.nodes.escalate!)).toBe(true);
      expectCleanAudit(g, layout);
    }
  });

  it("draws a → b and b → a apart: the way back is a dashed back edge around the side", () => {
    const g = graphOf([node("start", null, "start"), node("agent"), node("tools")], [edge("start", "agent"), edge("agent", "tools"), edge("tools", "agent")]);
    for (const direction of DIRECTIONS) {
      const layout = layoutGraph(g, { direction });
      const there = routeOf(layout, g, "agent", "tools");
      const back = routeOf(layout, g, "tools", "agent");
      expect(there.back).toBe(false);
      expect(back.back).toBe(true);
      expect(back.path).not.toBe(there.path);
      // The way back leaves tools and enters agent by their side (along the cross axis), not by a layer face.
      const [a, b] = [back.points[0]!, back.points[1]!];
      const [y, z] = [back.points[back.points.length - 2]!, back.points[back.points.length - 1]!];
      const cross = (p: [number, number], q: [number, number]) => (direction === "TB" ? Math.abs(q[0] - p[0]) > Math.abs(q[1] - p[1]) : Math.abs(q[1] - p[1]) > Math.abs(q[0] - p[0]));
      expect(cross(a, b)).toBe(true);
      expect(cross(y, z)).toBe(true);
      const audit = expectCleanAudit(g, layout);
      expect(audit.overlaps).toBe(0);
      expect(toSvg(g, layout)).toMatch(/class="edge back"[^>]*stroke-dasharray="6 4"/);
    }
  });

  it("draws a self-loop as a visible loop with its label beside it", () => {
    const g = graphOf([node("a"), node("b")], [edge("a", "b"), edge("b", "b", { kind: "conditional", label: "retry" })]);
    for (const direction of DIRECTIONS) {
      const layout = layoutGraph(g, { direction });
      const loop = routeOf(layout, g, "b", "b");
      const box = layout.nodes.b!;
      expect(loop.back).toBe(true);
      expect(loop.path).toMatch(/^M/);
      expect(onBorder(loop.points[0]!, box)).toBe(true);
      expect(onBorder(loop.points[loop.points.length - 1]!, box)).toBe(true);
      expect(loop.points[0]).not.toEqual(loop.points[loop.points.length - 1]);
      const audit = expectCleanAudit(g, layout);
      expect(audit.selfLoops).toBe(1);
      expect(audit.hiddenLoops).toBe(0);
      expect(loop.label).not.toBeNull();
    }
  });

  it("keeps parallel labelled edges apart, each with its own label (Kedro's x_train / y_train)", () => {
    const g = graphOf(
      [node("split"), node("train"), node("evaluate")],
      [
        edge("split", "train", { kind: "data", label: "x_train" }),
        edge("split", "train", { kind: "data", label: "y_train" }),
        edge("split", "evaluate", { kind: "data", label: "x_test" }),
        edge("split", "evaluate", { kind: "data", label: "y_test" }),
        edge("train", "evaluate", { kind: "data", label: "regressor" }),
      ],
    );
    for (const direction of DIRECTIONS) {
      const layout = layoutGraph(g, { direction });
      const paths = g.edges.map((e) => layout.edges[e.id]!.path);
      expect(new Set(paths).size).toBe(paths.length);
      const labels = g.edges.map((e) => layout.edges[e.id]!.label!);
      expect(labels.every((l) => l !== null)).toBe(true);
      const audit = expectCleanAudit(g, layout);
      expect(audit.labelFaults).toBe(0);
      // Every label's text is in the export, in its own box.
      const svg = toSvg(g, layout);
      for (const text of ["x_train", "y_train", "x_test", "y_test", "regressor"]) expect(svg).toContain(`>${text}</text>`);
      expect(svg.match(/class="edge-label"/g)).toHaveLength(5);
    }
  });

  it("routes an edge leaving a group frame from the real node, crossing only its own frame", () => {
    const g = graphOf(
      [node("grp", null, "group"), node("x", "grp"), node("inner", "grp"), node("other", null, "group"), node("o1", "other"), node("y")],
      [edge("x", "inner"), edge("inner", "y"), edge("x", "y"), edge("o1", "y")],
    );
    for (const direction of DIRECTIONS) {
      const layout = layoutGraph(g, { direction });
      const route = routeOf(layout, g, "x", "y");
      expect(onBorder(route.points[0]!, layout.nodes.x!)).toBe(true);
      expect(onBorder(route.points[route.points.length - 1]!, layout.nodes.y!)).toBe(true);
      // It crosses its own frame's border once and never enters the other frame.
      const grp = layout.nodes.grp!;
      const inside = (p: [number, number], b: NodeBox) => p[0] > b.x && p[0] < b.x + b.width && p[1] > b.y && p[1] < b.y + b.height;
      let changes = 0;
      for (let i = 1; i < route.points.length; i++) if (inside(route.points[i]!, grp) !== inside(route.points[i - 1]!, grp)) changes++;
      expect(changes).toBe(1);
      expect(route.points.some((p) => inside(p, layout.nodes.other!))).toBe(false);
      expect(route.points.some((p) => inside(p, layout.nodes.inner!))).toBe(false);
      expectCleanAudit(g, layout);
    }
  });

  it("draws a complete bipartite join through one junction, with no crossings", () => {
    const sources = ["s1", "s2", "s3", "s4"];
    const targets = ["t1", "t2", "t3", "t4"];
    const g = graphOf(
      [...sources, ...targets].map((id) => node(id)),
      sources.flatMap((s) => targets.map((t) => edge(s, t))),
    );
    const layout = layoutGraph(g, { direction: "TB" });
    const audit = expectCleanAudit(g, layout);
    expect(audit.crossings).toBe(0);
    // All 16 edges pass through the same junction point.
    const shared = g.edges.map((e) => JSON.stringify(layout.edges[e.id]!.junctions!.map((p) => p.map(Math.round))));
    const common = g.edges.map((e) => new Set(layout.edges[e.id]!.junctions!.map((p) => `${Math.round(p[0])},${Math.round(p[1])}`)));
    const everywhere = [...common[0]!].filter((k) => common.every((set) => set.has(k)));
    expect(everywhere.length).toBeGreaterThan(0);
    expect(shared.length).toBe(16);
  });

  it("counts the one unavoidable crossing of a 2 × 2 join drawn edge by edge", () => {
    const g = graphOf([node("a"), node("b"), node("c"), node("d")], [edge("a", "c"), edge("a", "d"), edge("b", "c"), edge("b", "d")]);
    const layout = layoutGraph(g, { direction: "TB" });
    expect(expectCleanAudit(g, layout).crossings).toBe(1);
    const tree = graphOf([node("r"), node("a"), node("b"), node("c"), node("d")], [edge("r", "a"), edge("r", "b"), edge("a", "c"), edge("a", "d")]);
    expect(expectCleanAudit(tree, layoutGraph(tree, { direction: "TB" })).crossings).toBe(0);
  });

  it("gives a label room in the layout: it sits on its edge, off every node", () => {
    const g = graphOf([node("router"), node("a"), node("b"), node("c")], [
      edge("router", "a", { kind: "conditional", label: "continue" }),
      edge("router", "b", { kind: "conditional", label: "a rather long branch name" }),
      edge("router", "c", { kind: "conditional", label: "done" }),
      edge("a", "router", { kind: "conditional", label: "loop" }),
    ]);
    for (const direction of DIRECTIONS) expectCleanAudit(g, layoutGraph(g, { direction }));
  });
});

describe("the drawing audit on generated graphs", () => {
  it("finds nothing on every family of generated graph, both directions", () => {
    for (const family of SAMPLE_FAMILIES) {
      const g = sampleGraph(family, 40, 3);
      for (const direction of DIRECTIONS) {
        const layout = layoutGraph(g, { direction });
        const audit = auditDrawing(g, layout);
        expect(audit.findings.map((f) => `${family} ${direction}: ${f.detail}`)).toEqual([]);
      }
    }
  });
});

describe("collapsed groups", () => {
  it("merge the task-level edges into one drawn edge with a count, shown with its label", () => {
    const g = graphOf(
      [node("grp", null, "group"), node("a", "grp"), node("b", "grp"), node("c", "grp"), node("out")],
      [edge("a", "out"), edge("b", "out"), edge("c", "out"), edge("a", "b")],
    );
    const visible = collapseGroups(g, new Set(["grp"]));
    expect(visible.edges).toHaveLength(1);
    expect(visible.edges[0]!.count).toBe(3);
    expect(edgeLabelText(visible.edges[0]!)).toBe("×3");
    const layout = layoutGraph(visible, { direction: "TB" });
    expect(layout.edges[visible.edges[0]!.id]!.label).not.toBeNull();
    expect(toSvg(visible, layout)).toContain(">×3</text>");
    expectCleanAudit(visible, layout);
  });
});
