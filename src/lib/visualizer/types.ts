/**
 * The graph the visualizer draws from a Python workflow script.
 * Pure data: safe to send over JSON, to a Web Worker, or to the command line.
 */

export type Dialect = "langgraph" | "airflow" | "prefect" | "dagster" | "kedro" | "generic";

export type NodeKind = "step" | "start" | "end" | "group" | "dataset";

export type EdgeKind = "flow" | "data" | "conditional";

/** A range of the source text: character offsets [from, to) and 1-based lines. */
export interface SourceSpan {
  from: number;
  to: number;
  startLine: number;
  endLine: number;
}

export interface GraphNode {
  /** Stable across edits that do not touch the node (derived from names, not positions). */
  id: string;
  label: string;
  kind: NodeKind;
  /** The code that declares the node (an add_node call, an operator instance, a task call). */
  source: SourceSpan | null;
  /** Where the function that runs is defined (its `def`, not its decorator), when known. */
  definition: SourceSpan | null;
  /** Id of the group node this node belongs to, if any. */
  parent: string | null;
  /** A mapped or dynamic task (`.expand`, `.map`, `Send`, a loop that builds tasks): one node standing for many. */
  many?: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  /** The branch name of a conditional edge, or a `Label("…")`. */
  label?: string;
  /** A guess: the script does not say it (for example an untyped LangGraph router). */
  inferred?: boolean;
}

export interface Diagnostic {
  severity: "error" | "warning" | "info";
  message: string;
  line: number;
  column: number;
  from: number;
  to: number;
}

export interface WorkflowGraph {
  dialect: Dialect;
  nodes: GraphNode[];
  edges: GraphEdge[];
  diagnostics: Diagnostic[];
}
