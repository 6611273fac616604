import { describe, expect, it } from "vitest";
import { layoutLayers } from "~/lib/graph-layout/layered";
import { layoutGraph, structureKey } from "~/lib/graph-layout/layout";
import { GROUP_PADDING } from "~/lib/graph-layout/node-size";
import { generateWorkflowGraph } from "~/lib/graph-layout/sample-graphs";
import type { LayoutResult, NodeBox } from "~/lib/graph-layout/types";
import type { GraphEdge, GraphNode, WorkflowGraph } from "~/lib/visualizer/types";

const span = { from: 0, to: 1, startLine: 1, endLine: 1 };
const node = (id: string, kind: GraphNode["kind"] = "step", parent: string | null = null, label = id): GraphNode => ({
  id,
  label,
  kind,
  source: span,
  definition: null,
  parent,
});
const edge = (source: string, target: string, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  kind: "flow",
  ...extra,
});
const graphOf = (nodes: GraphNode[], edges: GraphEdge[]): WorkflowGraph => ({ dialect: "langgraph", nodes, edges, diagnostics: [] });

/** A small LangGraph-like graph with a subgraph group. */
function sample(): WorkflowGraph {
  return graphOf(
    [
      node("__start__", "start"),
      node("agent"),
      node("tools"),
      node("sub", "group"),
      node("sub.plan", "step", "sub"),
      node("sub.act", "step", "sub"),
      node("__end__", "end"),
    ],
    [
      edge("__start__", "agent"),
      edge("agent", "tools", { kind: "conditional", label: "tools" }),
      edge("agent", "sub", { kind: "conditional", label: "plan" }),
      edge("tools", "agent"),
      edge("sub.plan", "sub.act"),
      edge("sub", "__end__"),
    ],
  );
}

/** The per-container layered layout, counting its calls. */
function counting() {
  const spy = Object.assign(
    (...args: Parameters<typeof layoutLayers>) => {
      spy.calls++;
      return layoutLayers(...args);
    },
    { calls: 0 },
  );
  return spy;
}

const overlaps = (a: NodeBox, b: NodeBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectNoOverlaps(result: LayoutResult) {
  const ids = Object.keys(result.nodes);
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = result.nodes[ids[i]!]!;
      const b = result.nodes[ids[j]!]!;
      // A frame contains its descendants; everything else must be disjoint.
      if (isAncestor(result, ids[i]!, ids[j]!) || isAncestor(result, ids[j]!, ids[i]!)) continue;
      expect(overlaps(a, b), `${ids[i]} overlaps ${ids[j]}`).toBe(false);
    }
  }
}

function isAncestor(result: LayoutResult, ancestor: string, id: string): boolean {
  for (let p = result.nodes[id]?.parent ?? null; p !== null; p = result.nodes[p]?.parent ?? null) if (p === ancestor) return true;
  return false;
}

function expectFramesContainChildren(result: LayoutResult) {
  for (const [id, box] of Object.entries(result.nodes)) {
    if (box.parent === null) continue;
    const frame = result.nodes[box.parent]!;
    expect(box.x, `${id} left`).toBeGreaterThanOrEqual(frame.x + GROUP_PADDING.left - 0.001);
    expect(box.y, `${id} top`).toBeGreaterThanOrEqual(frame.y + GROUP_PADDING.top - 0.001);
    expect(box.x + box.width, `${id} right`).toBeLessThanOrEqual(frame.x + frame.width - GROUP_PADDING.right + 0.001);
    expect(box.y + box.height, `${id} bottom`).toBeLessThanOrEqual(frame.y + frame.height - GROUP_PADDING.bottom + 0.001);
  }
}

describe("layoutGraph", () => {
  it("is deterministic, whatever the input order", () => {
    const g = sample();
    const a = layoutGraph(g, { direction: "TB" });
    const b = layoutGraph(g, { direction: "TB" });
    const shuffled = { ...g, nodes: [...g.nodes].reverse(), edges: [...g.edges].reverse() };
    const c = layoutGraph(shuffled, { direction: "TB" });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const big = generateWorkflowGraph({ nodes: 120, seed: 7 });
    expect(layoutGraph(big, { direction: "LR" })).toEqual(layoutGraph(big, { direction: "LR" }));
  });

  it("places every node, without overlaps, frames around their children", () => {
    for (const [n, seed] of [[7, 1], [50, 2], [170, 3]] as const) {
      const g = n === 7 ? sample() : generateWorkflowGraph({ nodes: n, seed });
      for (const direction of ["TB", "LR"] as const) {
        const r = layoutGraph(g, { direction });
        expect(Object.keys(r.nodes).sort()).toEqual(g.nodes.map((x) => x.id).sort());
        expectNoOverlaps(r);
        expectFramesContainChildren(r);
      }
    }
  });

  it("nests groups: a group inside a group is framed by both", () => {
    const g = graphOf(
      [node("outer", "group"), node("inner", "group", "outer"), node("a", "step", "inner"), node("b", "step", "outer"), node("c")],
      [edge("a", "b"), edge("b", "c"), edge("c", "a")],
    );
    const r = layoutGraph(g, { direction: "TB" });
    expect(r.nodes.a!.parent).toBe("inner");
    expect(r.nodes.inner!.parent).toBe("outer");
    expectFramesContainChildren(r);
    expectNoOverlaps(r);
  });

  it("toggling the direction changes the layer axis", () => {
    const chain = graphOf([node("a"), node("b"), node("c")], [edge("a", "b"), edge("b", "c")]);
    const tb = layoutGraph(chain, { direction: "TB" });
    const lr = layoutGraph(chain, { direction: "LR" });
    expect(tb.nodes.b!.y).toBeGreaterThan(tb.nodes.a!.y);
    expect(tb.nodes.c!.y).toBeGreaterThan(tb.nodes.b!.y);
    expect(tb.nodes.a!.x).toBe(tb.nodes.c!.x);
    expect(lr.nodes.b!.x).toBeGreaterThan(lr.nodes.a!.x);
    expect(lr.nodes.c!.x).toBeGreaterThan(lr.nodes.b!.x);
    expect(lr.nodes.a!.y).toBe(lr.nodes.c!.y);
    expect(tb.bounds.height).toBeGreaterThan(tb.bounds.width);
    expect(lr.bounds.width).toBeGreaterThan(lr.bounds.height);
  });

  it("does not call the layout library when the structure is unchanged", () => {
    const engine = counting();
    const g = sample();
    const first = layoutGraph(g, { direction: "TB" }, { layered: engine });
    const calls = engine.calls;
    expect(calls).toBeGreaterThan(0);
    // A node label edit, a source-range shift and an edge label edit within the same width class (labels are boxes
    // in the layout, sized in steps of four characters): same structure.
    const edited: WorkflowGraph = {
      ...g,
      nodes: g.nodes.map((n) => (n.id === "agent" ? { ...n, label: "agent (renamed label)", source: { ...span, startLine: 9 } } : n)),
      edges: g.edges.map((e) => (e.id === "agent->tools" ? { ...e, label: "tools2" } : e)),
    };
    expect(structureKey(edited)).toBe(structureKey(g));
    const second = layoutGraph(edited, { direction: "TB", previous: first }, { layered: engine });
    expect(engine.calls).toBe(calls);
    expect(second.nodes).toBe(first.nodes);
    expect(second.origin).toBe("reused");
    // A label that needs a wider box is a structural change: the layout runs again and makes room.
    const longer = { ...g, edges: g.edges.map((e) => (e.id === "agent->tools" ? { ...e, label: "call the search tools" } : e)) };
    expect(structureKey(longer)).not.toBe(structureKey(g));
    const third = layoutGraph(longer, { direction: "TB", previous: first }, { layered: engine });
    expect(engine.calls).toBeGreaterThan(calls);
    expect(third.edges["agent->tools"]!.label!.width).toBeGreaterThan(first.edges["agent->tools"]!.label!.width);
  });

  it("runs the layout again when the structure or the direction changes", () => {
    const engine = counting();
    const g = sample();
    const first = layoutGraph(g, { direction: "TB" }, { layered: engine });
    const calls = engine.calls;
    const lr = layoutGraph(g, { direction: "LR", previous: first }, { layered: engine });
    expect(engine.calls).toBeGreaterThan(calls);
    expect(lr.direction).toBe("LR");
    const withEdge = { ...g, edges: [...g.edges, edge("tools", "__end__")] };
    expect(structureKey(withEdge)).not.toBe(structureKey(g));
    const before = engine.calls;
    layoutGraph(withEdge, { direction: "TB", previous: first }, { layered: engine });
    expect(engine.calls).toBeGreaterThan(before);
  });

  it("keeps unchanged nodes where they were when a node is removed", () => {
    const g = generateWorkflowGraph({ nodes: 60, seed: 11 });
    const first = layoutGraph(g, { direction: "TB" });
    // Remove one leaf step at the top level, with its edges.
    const victim = g.nodes.find((n) => n.kind === "step" && n.parent === null)!;
    const smaller: WorkflowGraph = {
      ...g,
      nodes: g.nodes.filter((n) => n.id !== victim.id),
      edges: g.edges.filter((e) => e.source !== victim.id && e.target !== victim.id),
    };
    const second = layoutGraph(smaller, { direction: "TB", previous: first });
    expect(["stable", "fresh"]).toContain(second.origin);
    expectNoOverlaps(second);
    expectFramesContainChildren(second);
    if (second.origin === "stable") {
      for (const n of smaller.nodes) {
        if (n.kind === "group") continue;
        expect(second.nodes[n.id]!.x).toBeCloseTo(first.nodes[n.id]!.x, 0);
        expect(second.nodes[n.id]!.y).toBeCloseTo(first.nodes[n.id]!.y, 0);
      }
    }
    // Most unchanged nodes stay within a node's width of where they were (they are pulled back to their place).
    const moved = smaller.nodes.filter((n) => n.kind !== "group" && Math.abs(second.nodes[n.id]!.x - first.nodes[n.id]!.x) > 180);
    expect(moved.length).toBeLessThan(smaller.nodes.length / 4);
  });

  it("does not move the whole drawing when a node is renamed (its id changes)", () => {
    const chain = graphOf(
      [node("a"), node("b"), node("c"), node("d")],
      [edge("a", "b"), edge("b", "c"), edge("c", "d")],
    );
    const first = layoutGraph(chain, { direction: "TB" });
    const renamed = graphOf(
      [node("a"), node("b2"), node("c"), node("d")],
      [edge("a", "b2"), edge("b2", "c"), edge("c", "d")],
    );
    const second = layoutGraph(renamed, { direction: "TB", previous: first });
    for (const id of ["a", "c", "d"]) {
      expect(second.nodes[id]!.x).toBeCloseTo(first.nodes[id]!.x);
      expect(second.nodes[id]!.y).toBeCloseTo(first.nodes[id]!.y);
    }
  });

  it("tolerates odd graphs: empty, dangling edges, self loops, parent cycles, unknown parents", () => {
    expect(layoutGraph(graphOf([], []), { direction: "TB" }).nodes).toEqual({});
    const odd = graphOf(
      [node("a"), node("b", "step", "missing"), node("g1", "group", "g2"), node("g2", "group", "g1"), node("c", "step", "g1")],
      [edge("a", "a"), edge("a", "nowhere"), edge("a", "b"), edge("b", "c"), edge("c", "g1")],
    );
    const r = layoutGraph(odd, { direction: "LR" });
    expect(Object.keys(r.nodes).sort()).toEqual(["a", "b", "c", "g1", "g2"]);
    expect(r.nodes.b!.parent).toBeNull();
    expectNoOverlaps(r);
    expectFramesContainChildren(r);
  });
});

describe("structureKey", () => {
  it("ignores order, node labels, edge ids and kinds; sees ids, parents, kinds, edges (parallel ones too) and label sizes", () => {
    const g = sample();
    const k = structureKey(g);
    expect(structureKey({ ...g, nodes: [...g.nodes].reverse() })).toBe(k);
    expect(structureKey({ ...g, edges: g.edges.map((e) => ({ ...e, id: `x${e.id}`, kind: "data" as const })) })).toBe(k);
    expect(structureKey({ ...g, nodes: g.nodes.map((n) => (n.id === "tools" ? { ...n, parent: "sub" } : n)) })).not.toBe(k);
    expect(structureKey({ ...g, nodes: g.nodes.map((n) => (n.id === "tools" ? { ...n, kind: "dataset" as const } : n)) })).not.toBe(k);
    expect(structureKey({ ...g, edges: g.edges.filter((e) => e.id !== "tools->agent") })).not.toBe(k);
    expect(structureKey({ ...g, nodes: g.nodes.filter((n) => n.id !== "tools") })).not.toBe(k);
    expect(structureKey({ ...g, edges: [...g.edges, edge("agent", "tools", { id: "again" })] })).not.toBe(k);
    expect(structureKey({ ...g, edges: g.edges.map((e) => (e.id === "tools->agent" ? { ...e, label: "loop" } : e)) })).not.toBe(k);
    expect(structureKey({ ...g, edges: g.edges.map((e) => (e.id === "agent->tools" ? { ...e, label: "tools2" } : e)) })).toBe(k);
  });
});
