/**
 * What the gallery shows of a workflow without reading its code: its size and the shape of its graph. The graph's
 * counts come from the visualizer on a worker thread within the graph time budget; when the budget runs out (or no
 * thread is free in time, or the work fails) the save still succeeds and stores the counts as unknown
 * (docs/decisions/036).
 */
import { graphWork } from "../graph-work/registry";
import { requestLimits } from "../limits";

export interface CodeSummary {
  codeBytes: number;
  codeLines: number;
  dialect: string;
  nodeCount: number;
  edgeCount: number;
}

/** Stored in place of a dialect the visualizer did not finish reading within its budget. */
export const UNKNOWN_DIALECT = "unknown";
/** Stored in place of a node or edge count the visualizer did not finish within its budget (read back as null). */
export const UNKNOWN_COUNT = -1;

export function countLines(code: string): number {
  let lines = code.length === 0 ? 0 : 1;
  for (let i = code.indexOf("\n"); i !== -1; i = code.indexOf("\n", i + 1)) lines++;
  if (code.endsWith("\n")) lines--;
  return lines;
}

export async function summariseCode(code: string): Promise<CodeSummary> {
  const size = { codeBytes: Buffer.byteLength(code, "utf8"), codeLines: countLines(code) };
  const { budgetMs, maxWaitMs } = requestLimits().graph;
  // The counts only: the graph itself never crosses back from the worker.
  const outcome = await graphWork().run({ kind: "visualize", code, send: null }, { budgetMs, maxWaitMs });
  if (outcome.status === "done" && outcome.value.kind === "visualize") {
    const { counts } = outcome.value;
    return { ...size, dialect: counts.dialect, nodeCount: counts.nodes, edgeCount: counts.edges };
  }
  return { ...size, dialect: UNKNOWN_DIALECT, nodeCount: UNKNOWN_COUNT, edgeCount: UNKNOWN_COUNT };
}
