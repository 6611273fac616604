import type { GraphNode, SourceSpan, WorkflowGraph } from "~/lib/visualizer/types";

function contains(span: SourceSpan | null, pos: number): span is SourceSpan {
  return span !== null && span.from <= pos && pos <= span.to;
}

/**
 * The node whose code holds the editor position `pos`: the node whose `source` or `definition` range contains
 * it. When several do (a group around its steps, a call inside a function), the narrowest range wins, and a
 * step wins over a group of the same width. Null when the cursor is in no node's code.
 */
export function nodeAtPosition(graph: WorkflowGraph, pos: number): string | null {
  let best: { node: GraphNode; width: number } | null = null;
  for (const node of graph.nodes) {
    for (const span of [node.source, node.definition]) {
      if (!contains(span, pos)) continue;
      const width = span.to - span.from;
      const better =
        best === null ||
        width < best.width ||
        (width === best.width && best.node.kind === "group" && node.kind !== "group");
      if (better) best = { node, width };
    }
  }
  return best?.node.id ?? null;
}

/** Where clicking a node takes the editor: its function's definition when known, else the code declaring it. */
export function selectionSpanOf(node: Pick<GraphNode, "source" | "definition">): SourceSpan | null {
  return node.definition ?? node.source;
}
