/**
 * The graph's downloads (SVG, PNG, Mermaid). Loaded when the person first asks for one, not with the editor
 * (docs/decisions/083): src/components/graph/workflow-graph-view.tsx imports this module on demand.
 */
import { svgSize, toSvg } from "~/lib/graph-layout/export-svg";
import type { LayoutResult } from "~/lib/graph-layout/types";
import { toMermaid } from "~/lib/visualizer/export-mermaid";
import type { WorkflowGraph } from "~/lib/visualizer/types";
import { downloadBlob, downloadText, svgToPngBlob } from "./download";

type Theme = "light" | "dark";

export function downloadSvg(graph: WorkflowGraph, layout: LayoutResult, name: string, theme: Theme): void {
  downloadText(toSvg(graph, layout, { theme }), `${name}.svg`, "image/svg+xml");
}

export async function downloadPng(graph: WorkflowGraph, layout: LayoutResult, name: string, theme: Theme): Promise<void> {
  const svg = toSvg(graph, layout, { theme });
  const { width, height } = svgSize(layout);
  downloadBlob(await svgToPngBlob(svg, width, height), `${name}.png`);
}

export function downloadMermaid(graph: WorkflowGraph, name: string): void {
  downloadText(toMermaid(graph), `${name}.mmd`, "text/plain");
}
