import type { GraphEdge, GraphNode, WorkflowGraph } from "~/lib/visualizer/types";

/**
 * The graph as drawn when some groups are collapsed: the descendants of a collapsed group
 * are removed, and every edge that touched one of them is rerouted to the outermost
 * collapsed group that hides it. Edges that end up inside one collapsed group vanish;
 * parallel rerouted edges are merged (one per source, target, kind and label) and carry `count`, how many
 * task-level edges the drawn edge stands for (drawn as `×N` with its label, `edgeLabelText`). Returns
 * the same graph object when nothing is collapsed (so structure keys stay cheap to reuse).
 */
export function collapseGroups(graph: WorkflowGraph, collapsed: ReadonlySet<string>): WorkflowGraph {
  if (collapsed.size === 0) return graph;
  const byId = new Map<string, GraphNode>();
  for (const n of graph.nodes) byId.set(n.id, n);
  // visibleOf(id) = id itself, or the outermost collapsed ancestor hiding it.
  const memo = new Map<string, string>();
  const visibleOf = (id: string): string => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    let result = id;
    let steps = 0;
    for (let p = byId.get(id)?.parent ?? null; p !== null && steps <= graph.nodes.length; p = byId.get(p)?.parent ?? null) {
      if (collapsed.has(p) && byId.get(p)?.kind === "group") result = p;
      steps++;
    }
    memo.set(id, result);
    return result;
  };
  const nodes = graph.nodes.filter((n) => visibleOf(n.id) === n.id);
  if (nodes.length === graph.nodes.length) return graph;
  const edges: GraphEdge[] = [];
  const merged = new Map<string, GraphEdge>();
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) {
      edges.push(e);
      continue;
    }
    const source = visibleOf(e.source);
    const target = visibleOf(e.target);
    if (source === e.source && target === e.target) {
      edges.push(e);
      continue;
    }
    if (source === target) continue;
    const key = `${source}\u0001${target}\u0001${e.kind}\u0001${e.label ?? ""}`;
    const known = merged.get(key);
    if (known) {
      known.count = (known.count ?? 1) + (e.count ?? 1);
      continue;
    }
    const edge: GraphEdge = { ...e, id: `${e.id}@${source}->${target}`, source, target, count: e.count ?? 1 };
    merged.set(key, edge);
    edges.push(edge);
  }
  return { ...graph, nodes, edges };
}

/** Ids of groups that have at least one child (the ones that can collapse). */
export function collapsibleGroups(graph: WorkflowGraph): Set<string> {
  const groups = new Set<string>();
  for (const n of graph.nodes) if (n.kind === "group") groups.add(n.id);
  const result = new Set<string>();
  for (const n of graph.nodes) if (n.parent !== null && groups.has(n.parent)) result.add(n.parent);
  return result;
}
