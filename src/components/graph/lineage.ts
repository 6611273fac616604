import type { GraphEdge, WorkflowGraph } from "~/lib/visualizer/types";

/**
 * A node's lineage (Kedro-Viz's focus mode): everything upstream of it and everything downstream, following edges
 * in the graph as drawn. A group stands for itself and everything inside it. Cycles are fine: a node on a loop
 * through the focused node is both upstream and downstream.
 */
export interface Lineage {
  /** The focused node, and for a group everything inside it. */
  self: Set<string>;
  ancestors: Set<string>;
  descendants: Set<string>;
}

/** Ids inside `group` (children, grandchildren…), by the `parent` field. */
export function insideOf(graph: WorkflowGraph, group: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const n of graph.nodes) {
    if (n.parent === null) continue;
    let list = children.get(n.parent);
    if (!list) children.set(n.parent, (list = []));
    list.push(n.id);
  }
  const result = new Set<string>();
  const stack = [...(children.get(group) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (result.has(id) || id === group) continue;
    result.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

export function lineage(graph: WorkflowGraph, id: string): Lineage {
  const self = new Set<string>([id, ...insideOf(graph, id)]);
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.source === e.target) continue;
    (forward.get(e.source) ?? forward.set(e.source, []).get(e.source)!).push(e.target);
    (backward.get(e.target) ?? backward.set(e.target, []).get(e.target)!).push(e.source);
  }
  const reach = (next: Map<string, string[]>): Set<string> => {
    const seen = new Set<string>();
    const stack = [...self];
    while (stack.length > 0) {
      const at = stack.pop()!;
      for (const n of next.get(at) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        stack.push(n);
      }
    }
    return seen;
  };
  return { self, ancestors: reach(backward), descendants: reach(forward) };
}

/**
 * What stays lit in focus mode: the node, its lineage, and the groups around any of them (their frames hold the
 * drawing together).
 */
export function focusNodes(graph: WorkflowGraph, line: Lineage): Set<string> {
  const lit = new Set<string>([...line.self, ...line.ancestors, ...line.descendants]);
  const parentOf = new Map<string, string | null>();
  for (const n of graph.nodes) parentOf.set(n.id, n.parent);
  for (const id of [...lit]) {
    for (let p = parentOf.get(id) ?? null, steps = 0; p !== null && steps <= graph.nodes.length; p = parentOf.get(p) ?? null, steps++) {
      lit.add(p);
    }
  }
  return lit;
}

/** An edge on a path through the focused node: into it from upstream, or out of it downstream. */
export function edgeInLineage(edge: Pick<GraphEdge, "source" | "target">, line: Lineage): boolean {
  const upstream = (id: string) => line.ancestors.has(id);
  const downstream = (id: string) => line.descendants.has(id);
  const self = (id: string) => line.self.has(id);
  if (self(edge.source) && self(edge.target)) return true;
  if (upstream(edge.source) && (upstream(edge.target) || self(edge.target))) return true;
  if ((self(edge.source) || downstream(edge.source)) && downstream(edge.target)) return true;
  return false;
}
