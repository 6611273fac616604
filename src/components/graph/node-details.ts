import { nodeFamily, nodeKindName, type NodeFamily } from "~/lib/graph-layout/node-style";
import type { GraphNode, SourceSpan, WorkflowGraph } from "~/lib/visualizer/types";
import { insideOf, lineage } from "./lineage";

/** What the details panel shows of one node. */
export interface NodeDetails {
  id: string;
  label: string;
  /** "Airflow operator", "LangGraph tool node", "Kedro dataset"… */
  kindName: string;
  family: NodeFamily;
  /** The operator class or the function behind the node. */
  detail: string | null;
  /** What `detail` is: "Operator", "Function", "Runs". */
  detailTerm: string;
  /** Where the function is defined (its `def`), when known. */
  definition: SourceSpan | null;
  /** The code that declares the node (add_node, the operator call…), when it differs from the definition. */
  source: SourceSpan | null;
  inputs: string[];
  outputs: string[];
  doc: string | null;
  many: boolean;
  /** Steps inside a group (0 for a step). */
  inside: number;
  /** Nodes that feed it directly, and all of its ancestors (steps and datasets; START/END and groups not counted). */
  upstream: { direct: number; all: number };
  downstream: { direct: number; all: number };
}

function detailTerm(node: GraphNode, dialect: WorkflowGraph["dialect"]): string {
  if (node.role === "operator" || node.role === "sensor" || (dialect === "airflow" && node.role === "branch")) return "Operator";
  if (node.role === "tools" || node.role === "agent" || node.role === "subgraph") return "Runs";
  return "Function";
}

const counted = (n: GraphNode | undefined) => n !== undefined && n.kind !== "group" && n.kind !== "start" && n.kind !== "end";

/** The details of node `id` of `graph` (the whole graph, not the collapsed drawing); null when there is no such node. */
export function nodeDetails(graph: WorkflowGraph, id: string): NodeDetails | null {
  const byId = new Map<string, GraphNode>();
  for (const n of graph.nodes) byId.set(n.id, n);
  const node = byId.get(id);
  if (!node) return null;

  const line = lineage(graph, id);
  const inside = insideOf(graph, id);
  // Edges that reach into a group count for the group; steps inside it are not its neighbours.
  const direct = (from: "source" | "target") => {
    const to = from === "source" ? "target" : "source";
    const found = new Set<string>();
    for (const e of graph.edges) {
      if (!line.self.has(e[to]) || line.self.has(e[from])) continue;
      if (counted(byId.get(e[from]))) found.add(e[from]);
    }
    return found.size;
  };
  const all = (ids: Set<string>) => {
    let count = 0;
    for (const other of ids) if (!line.self.has(other) && counted(byId.get(other))) count++;
    return count;
  };
  const definition = node.definition;
  const source = node.source && (!definition || node.source.startLine !== definition.startLine) ? node.source : null;
  return {
    id,
    label: node.label,
    kindName: nodeKindName(node, graph.dialect),
    family: nodeFamily(node, graph.dialect),
    detail: node.detail ?? null,
    detailTerm: detailTerm(node, graph.dialect),
    definition,
    source,
    inputs: node.inputs ?? [],
    outputs: node.outputs ?? [],
    doc: node.doc ?? null,
    many: node.many === true,
    inside: [...inside].filter((i) => counted(byId.get(i))).length,
    upstream: { direct: direct("source"), all: all(line.ancestors) },
    downstream: { direct: direct("target"), all: all(line.descendants) },
  };
}
