import { describe, expect, it } from "vitest";
import { findNodes, toFlowElements, visibleNodeFor } from "~/components/graph/to-flow-elements";
import { collapseGroups, collapsibleGroups } from "~/lib/graph-layout/collapse";
import { layoutGraph } from "~/lib/graph-layout/layout";
import type { GraphEdge, GraphNode, WorkflowGraph } from "~/lib/visualizer/types";

const span = (line: number) => ({ from: line * 10, to: line * 10 + 5, startLine: line, endLine: line });
const node = (id: string, kind: GraphNode["kind"] = "step", parent: string | null = null, extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  label: id,
  kind,
  source: span(1),
  definition: null,
  parent,
  ...extra,
});
const edge = (source: string, target: string, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id: `${source}->${target}`,
  source,
  target,
  kind: "flow",
  ...extra,
});

/** start → router ⇒ (grp: a → b) / c → end; grp has a nested group inner with x. */
function sample(): WorkflowGraph {
  return {
    dialect: "airflow",
    nodes: [
      node("start", "start"),
      node("router", "step", null, { definition: span(20), source: span(30) }),
      node("grp", "group"),
      node("a", "step", "grp", { many: true }),
      node("b", "step", "grp"),
      node("inner", "group", "grp"),
      node("x", "step", "inner"),
      node("c"),
      node("end", "end"),
    ],
    edges: [
      edge("start", "router"),
      edge("router", "a", { kind: "conditional", label: "left" }),
      edge("router", "c", { kind: "conditional", label: "right", inferred: true }),
      edge("a", "b", { kind: "data" }),
      edge("b", "x"),
      edge("x", "end"),
      edge("b", "end"),
      edge("c", "end"),
    ],
    diagnostics: [],
  };
}

describe("toFlowElements", () => {
  it("makes frames for groups, children with parentId and extent, parents first, relative positions", () => {
    const g = sample();
    const layout = layoutGraph(g, { direction: "TB" });
    const { nodes } = toFlowElements(g, layout);
    expect(nodes.map((n) => n.id).sort()).toEqual(g.nodes.map((n) => n.id).sort());
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get("grp")!.type).toBe("frame");
    expect(byId.get("inner")!.type).toBe("frame");
    expect(byId.get("a")!.type).toBe("workflow");
    expect(byId.get("a")!.parentId).toBe("grp");
    expect(byId.get("a")!.extent).toBe("parent");
    expect(byId.get("x")!.parentId).toBe("inner");
    expect(byId.get("inner")!.parentId).toBe("grp");
    expect(byId.get("start")!.parentId).toBeUndefined();
    // Parents precede children.
    const order = nodes.map((n) => n.id);
    for (const n of nodes) if (n.parentId) expect(order.indexOf(n.parentId)).toBeLessThan(order.indexOf(n.id));
    // Child position is relative to its frame.
    expect(byId.get("a")!.position.x).toBeCloseTo(layout.nodes.a!.x - layout.nodes.grp!.x);
    expect(byId.get("a")!.position.y).toBeCloseTo(layout.nodes.a!.y - layout.nodes.grp!.y);
    expect(byId.get("grp")!.position).toEqual({ x: layout.nodes.grp!.x, y: layout.nodes.grp!.y });
    expect(byId.get("grp")!.width).toBe(layout.nodes.grp!.width);
    // Data: span is definition ?? source; many; kind.
    expect(byId.get("router")!.data.span).toEqual(span(20));
    expect(byId.get("b")!.data.span).toEqual(span(1));
    expect(byId.get("a")!.data.many).toBe(true);
    expect(byId.get("grp")!.data.collapsible).toBe(true);
    expect(byId.get("start")!.sourcePosition).toBe("bottom");
    expect(byId.get("start")!.targetPosition).toBe("top");
  });

  it("uses left/right handles for the LR direction", () => {
    const g = sample();
    const { nodes } = toFlowElements(g, layoutGraph(g, { direction: "LR" }));
    expect(nodes[0]!.sourcePosition).toBe("right");
    expect(nodes[0]!.targetPosition).toBe("left");
  });

  it("draws the layout's routes, with the label text, kind and accessible name of each edge", () => {
    const g = sample();
    const layout = layoutGraph(g, { direction: "TB" });
    const { edges } = toFlowElements(g, layout);
    const byId = new Map(edges.map((e) => [e.id, e]));
    expect(edges.every((e) => e.type === "routed")).toBe(true);
    // The route is the layout's own path, polyline and label box: the edge draws exactly what the layout routed (only
    // its junction dots are left out where no other drawn edge meets it).
    for (const e of edges) {
      const { junctions: _, ...drawn } = e.data!.route;
      const { junctions: __, ...routed } = layout.edges[e.id]!;
      expect(drawn).toEqual(routed);
      expect(e.data!.route.path).toBe(layout.edges[e.id]!.path);
    }
    expect(byId.get("router->a")!.data!.labelText).toBe("left");
    expect(byId.get("router->c")!.data!.labelText).toBe("right");
    expect(byId.get("router->c")!.data!.inferred).toBe(true);
    expect(byId.get("router->c")!.className).toContain("wf-edge-inferred");
    expect(byId.get("a->b")!.data!.kind).toBe("data");
    expect(byId.get("start->router")!.data!.labelText).toBeNull();
    expect(byId.get("router->a")!.ariaLabel).toBe("router to a, conditional: left");
    expect(byId.get("router->c")!.ariaLabel).toBe("router to c, conditional: right, inferred");
    expect(byId.get("start->router")!.ariaLabel).toBe("start to router");
  });

  it("leaves out an edge the layout has no route for yet", () => {
    const g = sample();
    const layout = layoutGraph(g, { direction: "TB" });
    const { ["c->end"]: _dropped, ...edgesWithoutOne } = layout.edges;
    const { edges } = toFlowElements(g, { ...layout, edges: edgesWithoutOne });
    expect(edges.map((e) => e.id)).not.toContain("c->end");
    expect(edges).toHaveLength(g.edges.length - 1);
  });

  it("collapsing a group hides its children and reroutes their edges to the frame", () => {
    const g = sample();
    const collapsed = new Set(["grp"]);
    const visible = collapseGroups(g, collapsed);
    const layout = layoutGraph(visible, { direction: "TB" });
    const { nodes, edges } = toFlowElements(g, layout, { collapsed });
    const ids = nodes.map((n) => n.id).sort();
    expect(ids).toEqual(["c", "end", "grp", "router", "start"]);
    const grp = nodes.find((n) => n.id === "grp")!;
    expect(grp.type).toBe("workflow");
    expect(grp.data.collapsed).toBe(true);
    expect(grp.data.childCount).toBe(3);
    const pairs = edges.map((e) => `${e.source}->${e.target}`).sort();
    // router ⇒ a becomes router ⇒ grp (label kept); b → x inside vanishes; x → end and b → end merge into grp → end.
    expect(pairs).toEqual(["c->end", "grp->end", "router->c", "router->grp", "start->router"]);
    expect(edges.find((e) => e.source === "router" && e.target === "grp")!.data!.labelText).toBe("left");
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });

  it("collapsing an inner group keeps the outer frame", () => {
    const g = sample();
    const collapsed = new Set(["inner"]);
    const layout = layoutGraph(collapseGroups(g, collapsed), { direction: "TB" });
    const { nodes, edges } = toFlowElements(g, layout, { collapsed });
    expect(nodes.find((n) => n.id === "x")).toBeUndefined();
    expect(nodes.find((n) => n.id === "inner")!.parentId).toBe("grp");
    expect(edges.map((e) => `${e.source}->${e.target}`)).toContain("b->inner");
    expect(edges.map((e) => `${e.source}->${e.target}`)).toContain("inner->end");
  });

  it("leaves out nodes the layout has not placed yet, and their edges", () => {
    const g = sample();
    const layout = layoutGraph(g, { direction: "TB" });
    const newer: WorkflowGraph = { ...g, nodes: [...g.nodes, node("fresh")], edges: [...g.edges, edge("c", "fresh")] };
    const { nodes, edges } = toFlowElements(newer, layout);
    expect(nodes.find((n) => n.id === "fresh")).toBeUndefined();
    expect(edges.find((e) => e.target === "fresh")).toBeUndefined();
    expect(toFlowElements(g, null)).toEqual({ nodes: [], edges: [] });
  });

  it("marks the highlighted and the matched node", () => {
    const g = sample();
    const { nodes } = toFlowElements(g, layoutGraph(g, { direction: "TB" }), { highlightedNodeId: "b", matchedNodeId: "c" });
    expect(nodes.find((n) => n.id === "b")!.data.highlighted).toBe(true);
    expect(nodes.find((n) => n.id === "c")!.data.matched).toBe(true);
    expect(nodes.filter((n) => n.data.highlighted || n.data.matched)).toHaveLength(2);
  });
});

describe("search and collapse helpers", () => {
  it("finds nodes by label, exact matches first, case-insensitive", () => {
    const g: WorkflowGraph = {
      dialect: "generic",
      nodes: [node("1", "step", null, { label: "load_data" }), node("2", "step", null, { label: "Load" }), node("3")],
      edges: [],
      diagnostics: [],
    };
    expect(findNodes(g, "load")).toEqual(["2", "1"]);
    expect(findNodes(g, "  ")).toEqual([]);
    expect(findNodes(g, "zzz")).toEqual([]);
  });

  it("maps a hidden node to the outermost collapsed group", () => {
    const g = sample();
    expect(visibleNodeFor(g, "x", new Set(["inner"]))).toBe("inner");
    expect(visibleNodeFor(g, "x", new Set(["inner", "grp"]))).toBe("grp");
    expect(visibleNodeFor(g, "x", new Set())).toBe("x");
    expect([...collapsibleGroups(g)].sort()).toEqual(["grp", "inner"]);
    expect(collapseGroups(g, new Set())).toBe(g);
  });
});
