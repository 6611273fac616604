import type { WorkflowGraph } from "~/lib/visualizer/types";
import type { LayoutDirection, LayoutResult } from "./types";

/** Main thread → layout worker. */
export interface LayoutRequest {
  id: number;
  graph: WorkflowGraph;
  direction: LayoutDirection;
  previous: LayoutResult | null;
}

/** Layout worker → main thread. */
export type LayoutResponse = { id: number; result: LayoutResult } | { id: number; error: string };
