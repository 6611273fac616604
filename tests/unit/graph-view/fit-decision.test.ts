import { describe, expect, it } from "vitest";
import { allInView, BASE_INSET, fitDecision, fitsView, fitViewport, READABLE_ZOOM, visibleRect } from "~/components/graph/fit-decision";
import { edge, graphOf, layoutOf, node } from "./helpers";

const chain = graphOf([node("a"), node("b"), node("c")], [edge("a", "b"), edge("b", "c")]);
const before = layoutOf(chain, { a: [0, 0], b: [0, 100], c: [0, 200] }, { key: "abc" });
/** The whole first drawing (0..180 × 0..244) in view, with room to spare. */
const wholeView = { x: -100, y: -100, width: 600, height: 600 };

describe("fit decision", () => {
  it("fits the first drawing and after a direction change", () => {
    expect(fitDecision(null, before, null)).toBe("first");
    expect(fitDecision(before, { ...before, direction: "LR" }, wholeView)).toBe("direction");
  });

  it("never fits when the structure did not change (an ordinary keystroke), even with nodes out of view", () => {
    const sameStructure = { ...before, origin: "reused" as const };
    expect(fitDecision(before, sameStructure, wholeView)).toBeNull();
    expect(fitDecision(before, sameStructure, { x: 500, y: 500, width: 10, height: 10 })).toBeNull();
  });

  it("fits a new drawing (a paste or a load) wherever the view was", () => {
    const other = graphOf([node("x"), node("y"), node("z"), node("a")], [edge("x", "y")]);
    const placed = layoutOf(other, { x: [0, 0], y: [0, 100], z: [0, 200], a: [0, 300] }, { key: "xyza" });
    // Three of four nodes are new: another drawing.
    expect(fitDecision(before, placed, wholeView)).toBe("new-drawing");
    expect(fitDecision(before, placed, { x: 0, y: 0, width: 5000, height: 5000 })).toBe("new-drawing");
  });

  it("two LangGraph scripts sharing START, END and the group's name are still two drawings", () => {
    const agent = graphOf(
      [node("graph", { kind: "group" }), node("start", { kind: "start", parent: "graph" }), node("end", { kind: "end", parent: "graph" }), node("agent", { parent: "graph" }), node("tools", { parent: "graph" })],
      [],
    );
    const router = graphOf(
      [
        ...agent.nodes.filter((n) => n.kind !== "step"),
        node("retrieve", { parent: "graph" }),
        node("grade", { parent: "graph" }),
        node("answer", { parent: "graph" }),
      ],
      [],
    );
    const kinds = new Map([...agent.nodes, ...router.nodes].map((n) => [n.id, n.kind]));
    const first = layoutOf(agent, { graph: [0, 0, 400, 400], start: [10, 40], end: [10, 300], agent: [10, 100], tools: [10, 200] }, { key: "agent" });
    const second = layoutOf(router, { graph: [0, 0, 400, 500], start: [10, 40], end: [10, 400], retrieve: [10, 100], grade: [10, 200], answer: [10, 300] }, { key: "router" });
    const zoomedIn = { x: 0, y: 0, width: 100, height: 100 };
    // By all nodes, 3 of 6 were drawn before: not "another drawing".
    expect(fitDecision(first, second, zoomedIn)).toBeNull();
    // By steps, none of the 3 was: another drawing, fitted.
    expect(fitDecision(first, second, zoomedIn, (id) => kinds.get(id) === "step")).toBe("new-drawing");
  });

  it("fits when an edit adds a node outside a view that showed everything", () => {
    const grown = graphOf([...chain.nodes, node("d")], [...chain.edges, edge("c", "d")]);
    const inView = layoutOf(grown, { a: [0, 0], b: [0, 100], c: [0, 200], d: [0, 300] }, { key: "abcd" });
    const outOfView = layoutOf(grown, { a: [0, 0], b: [0, 100], c: [0, 200], d: [0, 900] }, { key: "abcd" });
    expect(fitDecision(before, inView, wholeView)).toBeNull();
    expect(fitDecision(before, outOfView, wholeView)).toBe("outside");
  });

  it("does not pull the view away from someone zoomed in on a part of the drawing", () => {
    const grown = graphOf([...chain.nodes, node("d")], [...chain.edges, edge("c", "d")]);
    const outOfView = layoutOf(grown, { a: [0, 0], b: [0, 100], c: [0, 200], d: [0, 900] }, { key: "abcd" });
    const zoomedOnA = { x: -10, y: -10, width: 200, height: 60 };
    expect(fitDecision(before, outOfView, zoomedOnA)).toBeNull();
  });

  it("computes the visible rectangle from React Flow's viewport", () => {
    // Translated by (100, 50) at zoom 2 in an 800 × 600 canvas.
    expect(visibleRect({ x: 100, y: 50, zoom: 2 }, { width: 800, height: 600 })).toEqual({ x: -50, y: -25, width: 400, height: 300 });
    const inset = visibleRect({ x: 0, y: 0, zoom: 1 }, { width: 800, height: 600 }, { top: 10, right: 200, bottom: 50, left: 20 });
    expect(inset).toEqual({ x: 20, y: 10, width: 580, height: 540 });
  });
});

describe("fitting and the minimap", () => {
  const size = { width: 800, height: 600 };

  it("centres the drawing in the canvas less the inset, within the zoom range", () => {
    const bounds = { x: 100, y: 100, width: 400, height: 200 };
    const vp = fitViewport(bounds, size, { top: 0, right: 0, bottom: 0, left: 0 }, { min: 0.1, max: 10 });
    expect(vp.zoom).toBeCloseTo(2); // 800 / 400 = 2, 600 / 200 = 3
    expect(vp.x + bounds.x * vp.zoom).toBeCloseTo(0);
    expect(vp.y + bounds.y * vp.zoom).toBeCloseTo((600 - 400) / 2);
    expect(fitViewport(bounds, size, BASE_INSET, { min: 0.1, max: 1.25 }).zoom).toBe(1.25);
  });

  it("a small graph fits the view; a wide DAG does not (so it gets the minimap by default)", () => {
    expect(fitsView({ x: 0, y: 0, width: 500, height: 400 }, size)).toBe(true);
    expect(fitsView({ x: 0, y: 0, width: 4000, height: 600 }, size)).toBe(false);
  });

  it("an automatic fit keeps a readable zoom and shows where the flow starts; the Fit button shows everything", () => {
    const tall = { x: 0, y: 0, width: 180, height: 8000 }; // an 80-task chain, top to bottom
    const readable = fitViewport(tall, size, BASE_INSET, { min: READABLE_ZOOM, max: 1.25 });
    expect(readable.zoom).toBe(READABLE_ZOOM);
    expect(readable.y).toBe(BASE_INSET.top); // the top of the drawing at the top of the canvas
    expect(readable.x + (tall.width * readable.zoom) / 2).toBeCloseTo(BASE_INSET.left + (size.width - BASE_INSET.left - BASE_INSET.right) / 2);
    const whole = fitViewport(tall, size, BASE_INSET, { min: 0.05, max: 1.25 });
    expect(whole.zoom).toBeLessThan(0.1);
    expect(whole.y + tall.height * whole.zoom).toBeLessThanOrEqual(size.height - BASE_INSET.bottom + 0.001);
  });

  it("knows when every node is in view", () => {
    const view = { x: 0, y: 0, width: 100, height: 100 };
    expect(allInView([{ x: 10, y: 10, width: 50, height: 50 }], view)).toBe(true);
    expect(allInView([{ x: 10, y: 10, width: 50, height: 50 }, { x: 90, y: 10, width: 50, height: 50 }], view)).toBe(false);
  });
});
