/**
 * The first drawing of an editor page, computed on the server (both are pure): the graph of the code and its
 * layout, so the page arrives with the graph drawn instead of an empty canvas.
 */
import { layoutGraph } from "~/lib/graph-layout/layout";
import type { LayoutResult } from "~/lib/graph-layout/types";
import { visualize } from "~/lib/visualizer";
import type { WorkflowGraph } from "~/lib/visualizer/types";

export function initialDrawing(code: string): { graph: WorkflowGraph; layout: LayoutResult | null } {
  const graph = visualize(code);
  if (graph.nodes.length === 0) return { graph, layout: null };
  try {
    return { graph, layout: layoutGraph(graph, { direction: "TB" }) };
  } catch {
    return { graph, layout: null }; // the browser's layout worker will try again
  }
}
