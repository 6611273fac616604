/**
 * The visualizer engine: Python workflow source → WorkflowGraph. Pure TypeScript (no DOM, no Node
 * built-ins): runs in the browser, in a worker, on the server and in the command line.
 *
 *   visualize(code)                 parse + extract
 *   visualizeTree(tree, code)       extract from a tree the caller already has (CodeMirror's
 *                                   incrementally parsed tree, or `parseIncremental`'s)
 *
 * Neither ever throws: a syntax error yields the graph of what parses plus an error diagnostic with
 * its line; an unexpected failure inside an extractor yields an error diagnostic.
 */
import type { Tree } from "@lezer/common";
import { Ctx } from "./context";
import { detectDialect } from "./detect-dialect";
import { syntaxDiagnostics } from "./diagnostics";
import { addDocstrings } from "./docstrings";
import { extractAirflow } from "./dialects/airflow";
import { extractGeneric } from "./dialects/generic";
import { extractKedro } from "./dialects/kedro";
import { extractLangGraph } from "./dialects/langgraph";
import { extractDagsterAssets } from "./dialects/dagster-assets";
import { extractDagsterOps } from "./dialects/dagster-ops";
import { extractPrefect } from "./dialects/prefect";
import { GraphBuilder } from "./graph-builder";
import { LineIndex } from "./lines";
import { buildModuleIndex } from "./module-index";
import { parsePython } from "./parse";
import type { Diagnostic, Dialect, VisualizeOptions, WorkflowGraph } from "./types";

export type * from "./types";
export { diffText, parseIncremental, parsePython, reusableFragments } from "./parse";
export { toMermaid } from "./export-mermaid";
export { toDot } from "./export-dot";
export { DIALECT_ORDER } from "./detect-dialect";

const EXTRACTORS: Record<Dialect, (ctx: Ctx) => void> = {
  langgraph: extractLangGraph,
  airflow: extractAirflow,
  prefect: extractPrefect,
  dagster: (ctx) => {
    extractDagsterOps(ctx);
    extractDagsterAssets(ctx);
  },
  kedro: extractKedro,
  generic: extractGeneric,
};

function internalError(err: unknown, stage: string): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return {
    severity: "error",
    message: `Visualizer internal error while ${stage}: ${message}`,
    line: 1,
    column: 1,
    from: 0,
    to: 0,
  };
}

/** Builds the graph from an already-parsed tree of `code`. */
export function visualizeTree(tree: Tree, code: string, options: VisualizeOptions = {}): WorkflowGraph {
  let dialect: Dialect = options.dialect ?? "generic";
  const diagnostics: Diagnostic[] = [];
  try {
    const source = typeof code === "string" ? code : String(code ?? "");
    const lines = new LineIndex(source);
    diagnostics.push(...syntaxDiagnostics(tree, source, lines));
    const index = buildModuleIndex(tree, source, lines);
    dialect = options.dialect ?? detectDialect(index, source);
    const graph = new GraphBuilder();
    const ctx = new Ctx(source, tree, lines, index, graph, dialect, options);
    try {
      EXTRACTORS[dialect](ctx);
    } catch (err) {
      diagnostics.push(internalError(err, `reading the ${dialect} workflow`));
    }
    graph.prune();
    addDocstrings(graph, index, source);
    diagnostics.push(...graph.diagnostics);
    return { dialect, nodes: graph.nodes, edges: graph.edges, diagnostics };
  } catch (err) {
    diagnostics.push(internalError(err, "reading the script"));
    return { dialect, nodes: [], edges: [], diagnostics };
  }
}

/** Parses `code` with @lezer/python and builds its graph. Never throws. */
export function visualize(code: string, options: VisualizeOptions = {}): WorkflowGraph {
  let tree: Tree;
  try {
    tree = parsePython(typeof code === "string" ? code : String(code ?? ""));
  } catch (err) {
    return { dialect: options.dialect ?? "generic", nodes: [], edges: [], diagnostics: [internalError(err, "parsing")] };
  }
  return visualizeTree(tree, code, options);
}
