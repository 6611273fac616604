import { describe, expect, it } from "vitest";
import { flowOrder } from "~/components/graph/flow-order";
import { layoutGraph } from "~/lib/graph-layout/layout";
import { edge, graphOf, layoutOf, node } from "./helpers";

describe("flowOrder (the Tab order of nodes)", () => {
  it("follows the flow, not the order the script declares nodes in", () => {
    // Declared c, b, a; the flow is a → b → c.
    const g = graphOf([node("c"), node("b"), node("a")], [edge("a", "b"), edge("b", "c")]);
    const layout = layoutOf(g, { a: [0, 0], b: [0, 100], c: [0, 200] });
    expect(flowOrder(g, layout)).toEqual(["a", "b", "c"]);
  });

  it("puts a node after everything upstream of it even when the drawing puts it higher", () => {
    // d depends on the whole a → b → c chain but was drawn beside a.
    const g = graphOf([node("a"), node("b"), node("c"), node("d")], [edge("a", "b"), edge("b", "c"), edge("c", "d")]);
    const layout = layoutOf(g, { a: [0, 0], d: [300, 0], b: [0, 100], c: [0, 200] });
    expect(flowOrder(g, layout)).toEqual(["a", "b", "c", "d"]);
  });

  it("breaks ties by position: layer first, then across (left to right in TB)", () => {
    const g = graphOf(
      [node("root"), node("right"), node("left"), node("mid"), node("sink")],
      [edge("root", "right"), edge("root", "left"), edge("root", "mid"), edge("left", "sink"), edge("mid", "sink"), edge("right", "sink")],
    );
    const layout = layoutOf(g, { root: [200, 0], left: [0, 100], mid: [200, 100], right: [400, 100], sink: [200, 200] });
    expect(flowOrder(g, layout)).toEqual(["root", "left", "mid", "right", "sink"]);
  });

  it("in LR, the layer is the x axis and ties go top to bottom", () => {
    const g = graphOf([node("a"), node("low"), node("high")], [edge("a", "low"), edge("a", "high")]);
    const layout = layoutOf(g, { a: [0, 50], low: [300, 100], high: [300, 0] }, { direction: "LR" });
    expect(flowOrder(g, layout)).toEqual(["a", "high", "low"]);
  });

  it("ignores back edges, so a loop is entered where the flow enters it", () => {
    // START → agent ⇄ tools, agent → END; tools → agent closes the cycle.
    const g = graphOf(
      [node("tools"), node("end", { kind: "end" }), node("agent"), node("start", { kind: "start" })],
      [edge("start", "agent"), edge("agent", "tools", { kind: "conditional" }), edge("tools", "agent"), edge("agent", "end", { kind: "conditional" })],
    );
    const layout = layoutOf(g, { start: [100, 0], agent: [100, 100], tools: [0, 200], end: [250, 200] }, { back: ["tools->agent"] });
    expect(flowOrder(g, layout)).toEqual(["start", "agent", "tools", "end"]);
  });

  it("still orders every node when a cycle is not marked as a back edge", () => {
    const g = graphOf([node("x"), node("y"), node("z")], [edge("x", "y"), edge("y", "z"), edge("z", "x")]);
    const layout = layoutOf(g, { y: [0, 100], x: [0, 0], z: [0, 200] });
    expect(flowOrder(g, layout)).toEqual(["x", "y", "z"]);
  });

  it("puts a group frame just before the first node inside it, and leaves out unplaced nodes", () => {
    const g = graphOf(
      [
        node("extract"),
        node("grp", { kind: "group" }),
        node("inner", { kind: "group", parent: "grp" }),
        node("t2", { parent: "inner" }),
        node("t1", { parent: "grp" }),
        node("load"),
        node("later"),
      ],
      [edge("extract", "t1"), edge("t1", "t2"), edge("t2", "load")],
    );
    const layout = layoutOf(g, {
      extract: [0, 0],
      grp: [0, 80, 300, 300],
      t1: [20, 120],
      inner: [10, 180, 260, 150],
      t2: [30, 220],
      load: [0, 450],
    });
    expect(flowOrder(g, layout)).toEqual(["extract", "grp", "t1", "inner", "t2", "load"]);
  });

  it("orders a real layout of a diamond consistently with its edges", () => {
    const g = graphOf(
      [node("d"), node("c"), node("b"), node("a")],
      [edge("a", "b"), edge("a", "c"), edge("b", "d"), edge("c", "d")],
    );
    const order = flowOrder(g, layoutGraph(g, { direction: "TB" }));
    expect(order[0]).toBe("a");
    expect(order[3]).toBe("d");
    expect(order.slice(1, 3).sort()).toEqual(["b", "c"]);
  });
});
