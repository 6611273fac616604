import { svgDataUrl, toSvg } from "~/lib/graph-layout/export-svg";
import { layoutGraph } from "~/lib/graph-layout/layout";
import type { LayoutDirection, LayoutResult } from "~/lib/graph-layout/types";
import type { WorkflowGraph } from "~/lib/visualizer/types";

export interface GraphThumbnailProps {
  graph: WorkflowGraph;
  /** A layout computed elsewhere (for example on the server); laid out here when absent. */
  layout?: LayoutResult;
  direction?: LayoutDirection;
  /** Accessible description, e.g. "Graph of nightly_backup.py". */
  alt: string;
  /** Draw labels (default true; turn off for very small cards). */
  labels?: boolean;
  theme?: "light" | "dark";
  className?: string;
}

/**
 * A static picture of a workflow graph for gallery cards: the SVG export drawn as an
 * <img>, so it needs neither React Flow nor client JavaScript (works as a server
 * component) and no script in a label can ever run.
 */
export function GraphThumbnail({ graph, layout, direction = "TB", alt, labels = true, theme = "light", className = "" }: GraphThumbnailProps) {
  const laidOut = layout ?? layoutGraph(graph, { direction });
  const svg = toSvg(graph, laidOut, { labels, theme, title: alt, padding: 12 });
  return (
    // eslint-disable-next-line @next/next/no-img-element -- an inline data: SVG, nothing for next/image to optimise
    <img src={svgDataUrl(svg)} alt={alt} className={`h-full w-full object-contain ${className}`} draggable={false} />
  );
}
