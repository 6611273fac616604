/** Shared by the exporters: nodes arranged under their group, and short ids safe in any syntax. */
import type { GraphNode, WorkflowGraph } from "./types";

export interface Layout {
  /** Short id (`n0`, `n1`…) for each node id. */
  short: Map<string, string>;
  /** Children per group id; top-level nodes under "". */
  children: Map<string, GraphNode[]>;
}

export function arrange(graph: WorkflowGraph): Layout {
  const short = new Map<string, string>();
  graph.nodes.forEach((n, i) => short.set(n.id, `n${i}`));
  const children = new Map<string, GraphNode[]>();
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  for (const n of graph.nodes) {
    // A parent that is missing (or not a group) puts the node at the top level; cycles are broken there too.
    let key = n.parent && short.has(n.parent) && n.parent !== n.id ? n.parent : "";
    if (key && createsCycle(byId, n.id, key)) key = "";
    const list = children.get(key) ?? [];
    list.push(n);
    children.set(key, list);
  }
  return { short, children };
}

function createsCycle(byId: Map<string, GraphNode>, id: string, parent: string): boolean {
  let cur: string | null = parent;
  for (let i = 0; cur && i <= byId.size; i++) {
    if (cur === id) return true;
    cur = byId.get(cur)?.parent ?? null;
  }
  return cur !== null;
}
