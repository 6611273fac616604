import type { Dialect, EdgeKind, GraphEdge, GraphNode } from "~/lib/visualizer/types";

/**
 * How a node looks, shared by the React Flow view, the SVG/PNG export and the legend: a colour family from the
 * node's role (and, for Airflow operators, its class), and the short line shown under its label.
 */
export type NodeFamily =
  | "start"
  | "end"
  | "group"
  | "dataset"
  | "node"
  | "tools"
  | "agent"
  | "subgraph"
  | "python"
  | "bash"
  | "sensor"
  | "branch"
  | "sql"
  | "transfer"
  | "empty"
  | "task"
  | "flow"
  | "op"
  | "asset"
  | "function"
  | "other";

const OPERATOR_FAMILIES: Array<[RegExp, NodeFamily]> = [
  [/Sensor$/, "sensor"],
  [/Branch|ShortCircuit/, "branch"],
  [/^(?:Empty|Dummy)Operator$/, "empty"],
  [/Bash|SSH|Docker|Kubernetes|Pod/, "bash"],
  [/Python|Virtualenv|ExternalPython/, "python"],
  [/SQL|Sql|Postgres|MySql|Snowflake|BigQuery|Redshift|Trino|Presto|Hive/, "sql"],
  [/To[A-Z]\w*Operator$|Transfer|S3|GCS|Gcs/, "transfer"],
];

/** What a step is called in its framework when its reader did not say (no `role`). */
const DIALECT_STEP: Readonly<Record<Dialect, NodeFamily>> = {
  langgraph: "node",
  airflow: "other",
  prefect: "task",
  dagster: "op",
  kedro: "node",
  generic: "function",
};

/** The colour family of a node (`dialect` names a step that has no role). */
export function nodeFamily(node: Pick<GraphNode, "kind" | "role" | "detail">, dialect?: Dialect): NodeFamily {
  if (node.kind === "start" || node.kind === "end" || node.kind === "group" || node.kind === "dataset") return node.kind;
  switch (node.role) {
    case "tools":
    case "agent":
    case "subgraph":
    case "node":
    case "task":
    case "flow":
    case "op":
    case "function":
      return node.role;
    case "entrypoint":
      return "flow";
    case "sensor":
    case "branch":
      return node.role;
    case "operator": {
      const cls = node.detail ?? "";
      for (const [pattern, family] of OPERATOR_FAMILIES) if (pattern.test(cls)) return family;
      return "other";
    }
    case "asset":
    case "multi_asset":
    case "graph_asset":
      return "asset";
    case "dataset":
    case "parameters":
      return "dataset";
    case "pipeline":
    case "graph":
    case "job":
    case "dag":
    case "task_group":
    case "asset_group":
    case "block":
      return "group";
    case undefined:
      return dialect ? DIALECT_STEP[dialect] : "other";
    default:
      return "other";
  }
}

/** The line under a node's label: its operator class, its function, or what it is. Null when nothing adds to the label. */
export function nodeSubtitle(node: Pick<GraphNode, "kind" | "role" | "detail" | "label">): string | null {
  if (node.kind === "start" || node.kind === "end") return null;
  if (node.detail && node.detail !== node.label) return node.detail;
  if (node.role && ROLE_SUBTITLE[node.role]) return ROLE_SUBTITLE[node.role]!;
  return null;
}

/** Roles worth naming under the label when the reader gave no class or function (a plain step says nothing). */
const ROLE_SUBTITLE: Partial<Record<NonNullable<GraphNode["role"]>, string>> = {
  tools: "tool node",
  agent: "agent",
  subgraph: "subgraph",
  entrypoint: "entrypoint",
  sensor: "sensor",
  branch: "branch",
  flow: "subflow",
  multi_asset: "multi-asset",
  graph_asset: "graph asset",
  asset: "asset",
  parameters: "parameters",
};

/** What a node is, in words, for the details panel and accessible names: "Airflow operator", "Kedro dataset". */
export function nodeKindName(node: Pick<GraphNode, "kind" | "role">, dialect?: Dialect): string {
  if (node.kind === "start") return "Start";
  if (node.kind === "end") return "End";
  const role = node.role ?? (node.kind === "dataset" ? "dataset" : undefined);
  const framework = dialect ? DIALECT_NAMES[dialect] : "";
  const what = role ? ROLE_NAMES[role] : node.kind === "group" ? "group" : dialect ? FAMILY_NAMES[DIALECT_STEP[dialect]].toLowerCase() : "step";
  return framework ? `${framework} ${what}` : what.charAt(0).toUpperCase() + what.slice(1);
}

const DIALECT_NAMES: Readonly<Record<Dialect, string>> = {
  langgraph: "LangGraph",
  airflow: "Airflow",
  prefect: "Prefect",
  dagster: "Dagster",
  kedro: "Kedro",
  generic: "Python",
};

const ROLE_NAMES: Readonly<Record<NonNullable<GraphNode["role"]>, string>> = {
  node: "node",
  tools: "tool node",
  agent: "agent (model call)",
  subgraph: "subgraph",
  graph: "graph",
  entrypoint: "entrypoint",
  task: "task",
  operator: "operator",
  sensor: "sensor",
  branch: "branch task",
  dag: "DAG",
  task_group: "task group",
  dataset: "dataset",
  flow: "flow",
  op: "op",
  asset: "asset",
  multi_asset: "multi-asset output",
  graph_asset: "graph asset",
  job: "job",
  asset_group: "asset group",
  pipeline: "pipeline",
  parameters: "parameters",
  function: "function",
  block: "block",
};

/** What the legend says of each family. */
export const FAMILY_NAMES: Readonly<Record<NodeFamily, string>> = {
  start: "Start",
  end: "End",
  group: "Group",
  dataset: "Dataset",
  node: "Node",
  tools: "Tool node",
  agent: "Agent (model)",
  subgraph: "Subgraph",
  python: "Python operator",
  bash: "Bash / container operator",
  sensor: "Sensor",
  branch: "Branch",
  sql: "SQL operator",
  transfer: "Transfer operator",
  empty: "Empty operator",
  task: "Task",
  flow: "Flow / subflow",
  op: "Op",
  asset: "Asset",
  function: "Function",
  other: "Step",
};

export interface NodeColors {
  fill: string;
  stroke: string;
  text: string;
}

/** Colours per family and theme: a light fill with a strong border, readable text (WCAG AA on the fill). */
export const FAMILY_COLORS: Readonly<Record<"light" | "dark", Readonly<Record<NodeFamily, NodeColors>>>> = {
  light: {
    start: { fill: "#dcfce7", stroke: "#15803d", text: "#14532d" },
    end: { fill: "#fee2e2", stroke: "#b91c1c", text: "#7f1d1d" },
    group: { fill: "#f1f5f9", stroke: "#94a3b8", text: "#334155" },
    dataset: { fill: "#e0f2fe", stroke: "#0369a1", text: "#0c4a6e" },
    node: { fill: "#ffffff", stroke: "#334155", text: "#0f172a" },
    tools: { fill: "#fef3c7", stroke: "#b45309", text: "#78350f" },
    agent: { fill: "#ede9fe", stroke: "#6d28d9", text: "#4c1d95" },
    subgraph: { fill: "#f5f3ff", stroke: "#7c3aed", text: "#4c1d95" },
    python: { fill: "#eff6ff", stroke: "#1d4ed8", text: "#1e3a8a" },
    bash: { fill: "#f0fdf4", stroke: "#15803d", text: "#14532d" },
    sensor: { fill: "#fdf4ff", stroke: "#a21caf", text: "#701a75" },
    branch: { fill: "#fff7ed", stroke: "#c2410c", text: "#7c2d12" },
    sql: { fill: "#ecfeff", stroke: "#0e7490", text: "#164e63" },
    transfer: { fill: "#f0fdfa", stroke: "#0f766e", text: "#134e4a" },
    empty: { fill: "#f8fafc", stroke: "#64748b", text: "#334155" },
    task: { fill: "#ffffff", stroke: "#334155", text: "#0f172a" },
    flow: { fill: "#eef2ff", stroke: "#4338ca", text: "#312e81" },
    op: { fill: "#ffffff", stroke: "#334155", text: "#0f172a" },
    asset: { fill: "#eff6ff", stroke: "#2563eb", text: "#1e3a8a" },
    function: { fill: "#ffffff", stroke: "#334155", text: "#0f172a" },
    other: { fill: "#ffffff", stroke: "#334155", text: "#0f172a" },
  },
  dark: {
    start: { fill: "#14532d", stroke: "#4ade80", text: "#dcfce7" },
    end: { fill: "#7f1d1d", stroke: "#f87171", text: "#fee2e2" },
    group: { fill: "#1e293b80", stroke: "#64748b", text: "#cbd5e1" },
    dataset: { fill: "#0c4a6e", stroke: "#38bdf8", text: "#e0f2fe" },
    node: { fill: "#1e293b", stroke: "#cbd5e1", text: "#f1f5f9" },
    tools: { fill: "#451a03", stroke: "#fbbf24", text: "#fef3c7" },
    agent: { fill: "#2e1065", stroke: "#a78bfa", text: "#ede9fe" },
    subgraph: { fill: "#2e1065", stroke: "#c4b5fd", text: "#f5f3ff" },
    python: { fill: "#172554", stroke: "#60a5fa", text: "#dbeafe" },
    bash: { fill: "#052e16", stroke: "#4ade80", text: "#dcfce7" },
    sensor: { fill: "#4a044e", stroke: "#e879f9", text: "#fae8ff" },
    branch: { fill: "#431407", stroke: "#fb923c", text: "#ffedd5" },
    sql: { fill: "#083344", stroke: "#22d3ee", text: "#cffafe" },
    transfer: { fill: "#042f2e", stroke: "#2dd4bf", text: "#ccfbf1" },
    empty: { fill: "#0f172a", stroke: "#94a3b8", text: "#e2e8f0" },
    task: { fill: "#1e293b", stroke: "#cbd5e1", text: "#f1f5f9" },
    flow: { fill: "#1e1b4b", stroke: "#818cf8", text: "#e0e7ff" },
    op: { fill: "#1e293b", stroke: "#cbd5e1", text: "#f1f5f9" },
    asset: { fill: "#172554", stroke: "#60a5fa", text: "#dbeafe" },
    function: { fill: "#1e293b", stroke: "#cbd5e1", text: "#f1f5f9" },
    other: { fill: "#1e293b", stroke: "#cbd5e1", text: "#f1f5f9" },
  },
};

/* ------------------------------------------------------------------------------------------------------------ */
/* Edges                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

/** The styles an edge can be drawn in, as the legend lists them. */
export type EdgeStyleName = EdgeKind | "back" | "inferred";

export const EDGE_STYLE_NAMES: Readonly<Record<EdgeStyleName, string>> = {
  flow: "Runs after",
  data: "Passes data",
  conditional: "Conditional branch",
  back: "Loops back",
  inferred: "Inferred (a guess)",
};

/** Stroke colour per edge kind and theme (WCAG 3:1 against the canvas), and the label box colours. */
export const EDGE_COLORS: Readonly<Record<"light" | "dark", Readonly<Record<EdgeKind, string>>>> = {
  light: { flow: "#64748b", data: "#0369a1", conditional: "#b45309" },
  dark: { flow: "#94a3b8", data: "#38bdf8", conditional: "#fbbf24" },
};

export const EDGE_LABEL_COLORS: Readonly<Record<"light" | "dark", { fill: string; text: string }>> = {
  light: { fill: "#ffffff", text: "#0f172a" },
  dark: { fill: "#0f172a", text: "#e2e8f0" },
};

/** Dash patterns: back edges long dashes, inferred edges dots, both dash-dot. Null: solid. */
export function edgeDash(edge: Pick<GraphEdge, "inferred">, back: boolean): string | null {
  if (edge.inferred && back) return "6 3 2 3";
  if (edge.inferred) return "2 3";
  if (back) return "6 4";
  return null;
}

export const EDGE_WIDTH: Readonly<Record<EdgeKind, number>> = { flow: 1.5, data: 1.5, conditional: 1.75 };

/** How one edge is drawn, in one theme: the view's edge and the SVG export both use this. */
export function edgeLook(
  edge: Pick<GraphEdge, "kind" | "inferred">,
  back: boolean,
  theme: "light" | "dark" = "light",
): { color: string; width: number; dash: string | null } {
  return { color: EDGE_COLORS[theme][edge.kind], width: EDGE_WIDTH[edge.kind], dash: edgeDash(edge, back) };
}
