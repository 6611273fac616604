import { describe, expect, it } from "vitest";
import { edgeInLineage, focusNodes, lineage } from "~/components/graph/lineage";
import { toFlowElements } from "~/components/graph/to-flow-elements";
import { edge, graphOf, layoutOf, node } from "./helpers";

/**   a → b → c → d
 *        ↘ e      ↑
 *   x ────────────┘    and an unrelated island: p → q
 */
const g = graphOf(
  ["a", "b", "c", "d", "e", "x", "p", "q"].map((id) => node(id)),
  [edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("b", "e"), edge("x", "d"), edge("p", "q")],
);

const sorted = (s: Set<string>) => [...s].sort();

describe("focus mode: a node's lineage", () => {
  it("lights the node, everything upstream and everything downstream, nothing else", () => {
    const line = lineage(g, "c");
    expect(sorted(line.ancestors)).toEqual(["a", "b"]);
    expect(sorted(line.descendants)).toEqual(["d"]);
    // e is a sibling branch, x only feeds a descendant, p → q is unrelated: all dimmed.
    expect(sorted(focusNodes(g, line))).toEqual(["a", "b", "c", "d"]);
  });

  it("keeps only edges on a path through the focused node", () => {
    const line = lineage(g, "c");
    const lit = g.edges.filter((e) => edgeInLineage(e, line)).map((e) => e.id);
    expect(lit.sort()).toEqual(["a->b", "b->c", "c->d"]);
  });

  it("handles loops: a node on a cycle through the focus is both upstream and downstream", () => {
    const loop = graphOf(
      [node("start"), node("agent"), node("tools"), node("end"), node("other")],
      [edge("start", "agent"), edge("agent", "tools"), edge("tools", "agent"), edge("agent", "end"), edge("other", "end")],
    );
    const line = lineage(loop, "tools");
    expect(line.ancestors.has("agent")).toBe(true);
    expect(line.descendants.has("agent")).toBe(true);
    expect(sorted(focusNodes(loop, line))).toEqual(["agent", "end", "start", "tools"]);
    expect(edgeInLineage(edge("tools", "agent"), line)).toBe(true);
    expect(edgeInLineage(edge("other", "end"), line)).toBe(false);
  });

  it("a focused group stands for what it holds, and the frames around lit nodes stay lit", () => {
    const grouped = graphOf(
      [node("src"), node("grp", { kind: "group" }), node("inside", { parent: "grp" }), node("sink"), node("stray")],
      [edge("src", "inside"), edge("inside", "sink")],
    );
    expect(sorted(focusNodes(grouped, lineage(grouped, "grp")))).toEqual(["grp", "inside", "sink", "src"]);
    expect(sorted(focusNodes(grouped, lineage(grouped, "sink")))).toEqual(["grp", "inside", "sink", "src"]);
  });

  it("the drawing dims every node and edge outside the lineage, and nothing without focus", () => {
    const layout = layoutOf(g, { a: [0, 0], b: [0, 100], c: [0, 200], d: [0, 300], e: [200, 200], x: [400, 200], p: [600, 0], q: [600, 100] });
    const focused = toFlowElements(g, layout, { focusedNodeId: "c" });
    expect(focused.nodes.filter((n) => n.data.dimmed).map((n) => n.id).sort()).toEqual(["e", "p", "q", "x"]);
    expect(focused.nodes.find((n) => n.id === "c")!.data.selected).toBe(true);
    expect(focused.edges.filter((e) => !e.data!.dimmed).map((e) => e.id).sort()).toEqual(["a->b", "b->c", "c->d"]);
    expect(focused.edges.find((e) => e.id === "x->d")!.className).toContain("wf-dimmed");
    const plain = toFlowElements(g, layout);
    expect(plain.nodes.some((n) => n.data.dimmed)).toBe(false);
    expect(plain.edges.some((e) => e.data!.dimmed)).toBe(false);
  });
});
