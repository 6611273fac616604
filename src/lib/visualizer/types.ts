/**
 * The graph the visualizer draws from a Python workflow script.
 * Pure data: safe to send over JSON, to a Web Worker, or to the command line.
 */

export type Dialect = "langgraph" | "airflow" | "prefect" | "dagster" | "kedro" | "generic";

/** The drawing's size class of a node: leaf steps, LangGraph's START/END, group frames, data sets. */
export type NodeKind = "step" | "start" | "end" | "group" | "dataset";

/**
 * What a node is in its framework's own words, finer than `kind`: the view names it under the label, colours it
 * and lists it in the legend.
 * - LangGraph: `node` (a function), `tools` (a ToolNode or a prebuilt agent's tools), `agent` (a prebuilt agent's
 *   model call), `subgraph` (a compiled graph used as a node), `graph` (a builder's group), `entrypoint` and `task`
 *   (the functional API).
 * - Airflow: `operator` (an operator instance; `detail` is its class), `sensor`, `branch` (a branch or
 *   short-circuit task), `task` (a TaskFlow `@task`), `dag`, `task_group`, `dataset` (a Dataset/Asset).
 * - Prefect: `task`, `flow` (a flow, or a subflow called from a flow).
 * - Dagster: `op`, `asset`, `multi_asset` (one output of a `@multi_asset`), `graph_asset`, `job`, `graph`,
 *   `asset_group`.
 * - Kedro: `node`, `pipeline`, `dataset`, `parameters` (a `params:` input).
 * - Plain Python: `function` (a function of the script or an imported one), `block` (a loop or branch group).
 */
export type NodeRole =
  | "node"
  | "tools"
  | "agent"
  | "subgraph"
  | "graph"
  | "entrypoint"
  | "task"
  | "operator"
  | "sensor"
  | "branch"
  | "dag"
  | "task_group"
  | "dataset"
  | "flow"
  | "op"
  | "asset"
  | "multi_asset"
  | "graph_asset"
  | "job"
  | "asset_group"
  | "pipeline"
  | "parameters"
  | "function"
  | "block";

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
  /** What the node is in its framework's words (see NodeRole). */
  role?: NodeRole;
  /**
   * The class or callable behind the node, shown under its label and in the details panel: an Airflow operator's
   * class (`BashOperator`), a Kedro node's or LangGraph node's function (`preprocess_companies`), `ToolNode`.
   */
  detail?: string;
  /** What the node reads: Kedro datasets, Dagster ins and deps, TaskFlow arguments, Airflow inlets/schedule. */
  inputs?: string[];
  /** What the node writes: Kedro datasets, Dagster asset outputs, Airflow outlets. */
  outputs?: string[];
  /** The first line of the docstring of the function behind the node. */
  doc?: string;
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
  /** Set by the view when collapsing groups merges several task-level edges into this one: how many. */
  count?: number;
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

export interface VisualizeOptions {
  /** Read the script as this dialect instead of detecting it. */
  dialect?: Dialect;
  /**
   * Kedro: draw datasets as nodes between the nodes that write and read them (Kedro-Viz's view). By default a
   * dataset is an edge, labelled with its name, from the node that writes it to each node that reads it.
   */
  datasets?: boolean;
}
