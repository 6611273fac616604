import { describe, expect, it } from "vitest";
import { toFlowElements } from "~/components/graph/to-flow-elements";
import { collapseGroups } from "~/lib/graph-layout/collapse";
import { toSvg } from "~/lib/graph-layout/export-svg";
import { layoutGraph } from "~/lib/graph-layout/layout";
import { edgeLabelText, fitEdgeLabel } from "~/lib/graph-layout/node-size";
import { sampleGraph } from "~/lib/graph-layout/sample-graphs";
import type { LayoutDirection, LayoutResult } from "~/lib/graph-layout/types";
import type { WorkflowGraph } from "~/lib/visualizer/types";

/* The view's edges (React Flow) and the SVG export draw the same junction dots and the same label texts. */

const key = (p: readonly [number, number]) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`;

/** Junction points of the layout, with the number of edges that list each (all edges of `layout` are drawn here). */
function junctionsOf(layout: LayoutResult): Map<string, number> {
  const at = new Map<string, number>();
  for (const id in layout.edges) for (const k of new Set((layout.edges[id]!.junctions ?? []).map(key))) at.set(k, (at.get(k) ?? 0) + 1);
  return at;
}

function svgDots(svg: string): Set<string> {
  const dots = new Set<string>();
  for (const m of svg.matchAll(/<circle class="junction" cx="([-\d.]+)" cy="([-\d.]+)"/g)) dots.add(key([Number(m[1]), Number(m[2])]));
  return dots;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

const CASES: Array<[string, WorkflowGraph]> = [
  ["dense joins", sampleGraph("dense", 80)],
  ["nested groups", sampleGraph("nested", 60, 3)],
  ["random with labels and loops", sampleGraph("random", 60, 5)],
];

describe.each<LayoutDirection>(["TB", "LR"])("screen and export agree (%s)", (direction) => {
  it.each(CASES)("junction dots only where two or more edges meet, the same set in the view and the export (%s)", (_, graph) => {
    const layout = layoutGraph(graph, { direction });
    const at = junctionsOf(layout);
    const { edges } = toFlowElements(graph, layout);
    const viewDots = new Set(edges.flatMap((e) => (e.data!.route.junctions ?? []).map(key)));
    for (const point of viewDots) expect(at.get(point), `junction at ${point}`).toBeGreaterThanOrEqual(2);
    // Every merge point two or more edges list is drawn; the others are not.
    expect([...viewDots].sort()).toEqual([...at].filter(([, n]) => n >= 2).map(([p]) => p).sort());
    expect([...svgDots(toSvg(graph, layout))].sort()).toEqual([...viewDots].sort());
  });

  it("the checks above are not empty: dense joins have shared junctions, nested frames merge points of one edge", () => {
    expect([...junctionsOf(layoutGraph(sampleGraph("dense", 80), { direction })).values()].some((n) => n >= 2)).toBe(true);
    expect([...junctionsOf(layoutGraph(sampleGraph("nested", 60, 3), { direction })).values()].some((n) => n === 1)).toBe(true);
  });

  it.each(CASES.slice(1))("edge labels: the view's text is edgeLabelText, and the export writes it fitted to the same box (%s)", (_, graph) => {
    // Collapse one group, so that merged edges with counts (×n) are drawn too.
    const group = graph.nodes.find((n) => n.kind === "group")?.id;
    const collapsed = new Set(group ? [group] : []);
    const visible = collapseGroups(graph, collapsed);
    const layout = layoutGraph(visible, { direction });
    const { edges } = toFlowElements(graph, layout, { collapsed });
    const byId = new Map(visible.edges.map((e) => [e.id, e]));
    const expected: string[] = [];
    for (const fe of edges) {
      const e = byId.get(fe.id)!;
      expect(fe.data!.labelText).toBe(edgeLabelText(e));
      const box = fe.data!.route.label;
      if (fe.data!.labelText && box) expected.push(fitEdgeLabel(fe.data!.labelText, box.width));
    }
    const svg = toSvg(visible, layout);
    const written = [...svg.matchAll(/<g class="edge-label">.*?<text [^>]*>([^<]*)<\/text><\/g>/g)].map((m) => unescape(m[1]!));
    expect(written.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });
});

describe("fitEdgeLabel", () => {
  it("keeps a label that fits its box and shortens one that does not, with an ellipsis", () => {
    expect(fitEdgeLabel("continue", 8 * 6.5 + 12)).toBe("continue");
    const short = fitEdgeLabel("a_very_long_dataset_name_indeed", 60);
    expect(short.endsWith("…")).toBe(true);
    expect(Array.from(short).length).toBeLessThanOrEqual(Math.floor((60 - 8) / 6.5));
  });
});
