/** What the gallery shows of a workflow without reading its code: its size and the shape of its graph. */
import { visualize } from "~/lib/visualizer";

export interface CodeSummary {
  codeBytes: number;
  codeLines: number;
  dialect: string;
  nodeCount: number;
  edgeCount: number;
}

export function summariseCode(code: string): CodeSummary {
  const graph = visualize(code);
  let lines = code.length === 0 ? 0 : 1;
  for (let i = code.indexOf("\n"); i !== -1; i = code.indexOf("\n", i + 1)) lines++;
  if (code.endsWith("\n")) lines--;
  return {
    codeBytes: Buffer.byteLength(code, "utf8"),
    codeLines: lines,
    dialect: graph.dialect,
    nodeCount: graph.nodes.filter((node) => node.kind !== "group").length,
    edgeCount: graph.edges.length,
  };
}
