import type { WorkflowGraph } from "~/lib/visualizer/types";

/** Past this many nodes (steps, datasets, START/END; not groups) a drawing starts with its groups collapsed. */
export const BIG_GRAPH_NODES = 60;

/**
 * Which groups start collapsed. A graph of at most `BIG_GRAPH_NODES` nodes shows everything. A bigger one opens
 * level by level from the top: a whole level of groups is expanded only while the drawing stays within the limit
 * — or while it would otherwise be a single box (a DAG or a builder that holds everything) — and every group
 * below is collapsed, showing its node count. So a 100-task DAG with ten task groups opens on the DAG with its ten
 * groups collapsed.
 */
export function defaultCollapsed(graph: WorkflowGraph, limit = BIG_GRAPH_NODES): Set<string> {
  const children = new Map<string, string[]>();
  const isGroup = new Set<string>();
  for (const n of graph.nodes) if (n.kind === "group") isGroup.add(n.id);
  const ids = new Set(graph.nodes.map((n) => n.id));
  const top: string[] = [];
  for (const n of graph.nodes) {
    if (n.parent !== null && isGroup.has(n.parent) && n.parent !== n.id) {
      let list = children.get(n.parent);
      if (!list) children.set(n.parent, (list = []));
      list.push(n.id);
    } else top.push(n.id);
  }
  const collapsible = [...children.keys()].filter((id) => ids.has(id));
  const leaves = graph.nodes.filter((n) => n.kind !== "group").length;
  if (leaves <= limit) return new Set();

  const collapsed = new Set(collapsible);
  let visible = top.length;
  let frontier = top.filter((id) => children.has(id));
  const seen = new Set<string>();
  while (frontier.length > 0) {
    let after = visible;
    for (const g of frontier) after += children.get(g)!.length;
    if (after > limit && visible > 1) break;
    const next: string[] = [];
    for (const g of frontier) {
      if (seen.has(g)) continue; // a cycle in parents: leave it
      seen.add(g);
      collapsed.delete(g);
      for (const c of children.get(g)!) if (children.has(c)) next.push(c);
    }
    visible = after;
    frontier = next;
  }
  return collapsed;
}

/**
 * Every collapsible group's state for a new version of the graph: what was decided before (by the person or by
 * default) stays, also for groups missing from this version; a group seen for the first time gets `defaultCollapsed`'s answer for the graph as it is now. So
 * a graph that grows past the limit while someone types does not fold up under them, but a big script pasted in
 * (new groups) opens collapsed.
 */
export function decideCollapsed(
  graph: WorkflowGraph,
  previous: ReadonlyMap<string, boolean>,
  limit = BIG_GRAPH_NODES,
): ReadonlyMap<string, boolean> {
  const groups = new Set<string>();
  for (const n of graph.nodes) if (n.kind === "group") groups.add(n.id);
  const collapsible = new Set<string>();
  for (const n of graph.nodes) if (n.parent !== null && groups.has(n.parent) && n.parent !== n.id) collapsible.add(n.parent);
  let defaults: Set<string> | null = null;
  let decided: Map<string, boolean> | null = null; // groups gone for a moment (an edit in progress) keep their state
  for (const id of collapsible) {
    if (!previous.has(id)) {
      defaults ??= defaultCollapsed(graph, limit);
      decided ??= new Map(previous);
      decided.set(id, defaults.has(id));
    }
  }
  return decided ?? previous; // unchanged: the same map
}

/** The collapsed ones of a decision map. */
export function collapsedOf(decided: ReadonlyMap<string, boolean>): Set<string> {
  const result = new Set<string>();
  for (const [id, collapsed] of decided) if (collapsed) result.add(id);
  return result;
}
