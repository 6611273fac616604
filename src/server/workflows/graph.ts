/**
 * The graph of a stored workflow for the API (`workflow.graph`, `GET /api/workflows/{id}/graph`): visualized on a
 * worker thread within the graph time budget, and answered only up to the API's size bound. Past the bound or the
 * budget the answer is 422 in the one error shape, saying which; with every thread busy, 503 (docs/decisions/035).
 */
import type { WorkflowGraph } from "~/lib/visualizer/types";
import { AppError } from "../errors/app-error";
import { graphWork } from "../graph-work/registry";
import { requestLimits } from "../limits";

const number = new Intl.NumberFormat("en");

export async function boundedGraph(code: string): Promise<WorkflowGraph> {
  const { api, budgetMs, maxWaitMs } = requestLimits().graph;
  const outcome = await graphWork().run({ kind: "visualize", code, send: api }, { budgetMs, maxWaitMs });
  if (outcome.status === "done" && outcome.value.kind === "visualize") {
    const { graph, counts } = outcome.value;
    if (graph) return graph;
    throw new AppError(
      "UNPROCESSABLE_CONTENT",
      `This workflow's graph is too large to send: ${number.format(counts.nodes)} nodes and ${number.format(counts.edges)} edges ` +
        `(at most ${number.format(api.maxNodes)} nodes and ${number.format(api.maxEdges)} edges). Open it in the editor to see it.`,
      { details: { reason: "size", nodes: counts.nodes, edges: counts.edges, maxNodes: api.maxNodes, maxEdges: api.maxEdges } },
    );
  }
  if (outcome.status === "busy") {
    throw new AppError("SERVICE_UNAVAILABLE", "The server is busy drawing other graphs. Try again shortly.", {
      headers: { "Retry-After": "2" },
    });
  }
  throw new AppError(
    "UNPROCESSABLE_CONTENT",
    `This workflow's graph takes too long to draw on the server (the limit is ${number.format(budgetMs)} ms). Open it in the editor to see it.`,
    { details: { reason: outcome.status === "over-budget" ? "time" : "failed", budgetMs } },
  );
}
