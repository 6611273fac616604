import { describe, expect, it } from "vitest";
import { drawingBounds, labelBoxAt, pointAtHalf, shortenLabel } from "~/components/graph/edge-geometry";
import { toFlowElements } from "~/components/graph/to-flow-elements";
import { edge, graphOf, layoutOf, node } from "./helpers";

describe("edge geometry", () => {
  it("finds the middle of a polyline by length", () => {
    expect(pointAtHalf([[0, 0], [0, 10], [30, 10]])).toEqual([10, 10]);
    expect(pointAtHalf([[5, 5]])).toEqual([5, 5]);
    expect(pointAtHalf([])).toEqual([0, 0]);
  });

  it("sizes a count's label box around its point, and shortens labels that do not fit", () => {
    const box = labelBoxAt([100, 50], "×12");
    expect(box.x + box.width / 2).toBeCloseTo(100);
    expect(box.y + box.height / 2).toBeCloseTo(50);
    expect(shortenLabel("continue", 80)).toBe("continue");
    expect(shortenLabel("a_very_long_dataset_name_indeed", 60)).toMatch(/…$/);
    expect(Array.from(shortenLabel("a_very_long_dataset_name_indeed", 60)).length).toBeLessThan(12);
  });

  it("the drawing's bounds include back edges routed around the side and their labels", () => {
    const g = graphOf([node("a"), node("b")], [edge("a", "b"), edge("b", "a")]);
    const layout = layoutOf(g, { a: [0, 0], b: [0, 100] });
    layout.edges["b->a"] = { path: "M90,100 L-60,100 L-60,44 L90,44", points: [[90, 100], [-60, 100], [-60, 44], [90, 44]], label: { x: -90, y: 60, width: 50, height: 18 }, back: true };
    expect(drawingBounds(layout)).toEqual({ x: -90, y: 0, width: 270, height: 144 });
  });

  it("a merged edge of collapsed groups shows how many edges it stands for", () => {
    const g = graphOf(
      [node("grp", { kind: "group" }), node("sink"), node("other")],
      [edge("grp", "sink", { count: 2 }), edge("grp", "other", { kind: "data", label: "rows", count: 3 }), edge("sink", "other", { count: 1 })],
    );
    const layout = layoutOf(g, { grp: [0, 0, 200, 48], sink: [0, 100], other: [0, 200] });
    const byId = new Map(toFlowElements(g, layout).edges.map((e) => [e.id, e]));
    expect(byId.get("grp->sink")!.data!.labelText).toBe("×2");
    expect(byId.get("grp->sink")!.ariaLabel).toBe("grp to sink, 2 edges");
    expect(byId.get("grp->other")!.data!.labelText).toBe("rows ×3");
    expect(byId.get("sink->other")!.data!.labelText).toBeNull();
  });
});
