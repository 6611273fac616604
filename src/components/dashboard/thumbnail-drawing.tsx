"use client";

import { useMemo } from "react";
import { GraphThumbnail } from "~/components/graph/graph-thumbnail";
import { layoutGraph } from "~/lib/graph-layout/layout";
import type { WorkflowGraph } from "~/lib/visualizer/types";

/**
 * The drawing of a card: one layout, drawn in the light and the dark palette (CSS picks the one that matches the
 * system theme; both carry the alt text: only the shown one is in the accessibility tree, in either theme). Loaded
 * lazily by CardThumbnail, so the layout library is not in the dashboard's first load.
 */
export default function ThumbnailDrawing({ graph, alt }: { graph: WorkflowGraph; alt: string }) {
  const layout = useMemo(() => layoutGraph(graph, { direction: "TB" }), [graph]);
  const labels = graph.nodes.length <= 14;
  return (
    <>
      <GraphThumbnail graph={graph} layout={layout} alt={alt} labels={labels} theme="light" className="dark:hidden" />
      <GraphThumbnail graph={graph} layout={layout} alt={alt} labels={labels} theme="dark" className="hidden dark:block" />
    </>
  );
}
