/**
 * Graphviz DOT text for a WorkflowGraph. Groups become clusters (an invisible anchor node inside
 * each cluster lets edges start or end at the group, clipped with lhead/ltail); START/END are
 * ellipses, datasets cylinders, "many" nodes double boxes; conditional edges are dashed, inferred
 * ones dotted. Strings are quoted and escaped.
 */
import { arrange } from "./export-tree";
import type { GraphNode, WorkflowGraph } from "./types";

export interface DotOptions {
  direction?: "TB" | "LR";
}

/** Escapes text for a double-quoted DOT string. */
export function escapeDot(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n|\r/g, "\\n");
}

function attrs(n: GraphNode): string {
  const a = [`label="${escapeDot(n.label)}"`];
  if (n.kind === "start" || n.kind === "end") a.push("shape=ellipse");
  else if (n.kind === "dataset") a.push("shape=cylinder");
  else if (n.many) a.push("peripheries=2");
  return a.join(", ");
}

export function toDot(graph: WorkflowGraph, options: DotOptions = {}): string {
  const { short, children } = arrange(graph);
  const cluster = new Map<string, string>();
  const out: string[] = [
    "digraph workflow {",
    `  rankdir=${options.direction ?? "TB"};`,
    "  compound=true;",
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica"];',
  ];
  const emit = (parent: string, indent: string): void => {
    for (const n of children.get(parent) ?? []) {
      const id = short.get(n.id) ?? "n";
      if (n.kind === "group" || children.has(n.id)) {
        cluster.set(n.id, `cluster_${id}`);
        out.push(`${indent}subgraph cluster_${id} {`);
        out.push(`${indent}  label="${escapeDot(n.label)}";`);
        out.push(`${indent}  ${id} [shape=point, style=invis, label=""];`);
        emit(n.id, `${indent}  `);
        out.push(`${indent}}`);
      } else out.push(`${indent}${id} [${attrs(n)}];`);
    }
  };
  emit("", "  ");
  for (const e of graph.edges) {
    const a = short.get(e.source);
    const b = short.get(e.target);
    if (!a || !b) continue;
    const ea: string[] = [];
    if (e.label) ea.push(`label="${escapeDot(e.label)}"`);
    if (e.inferred) ea.push("style=dotted");
    else if (e.kind === "conditional") ea.push("style=dashed");
    const tail = cluster.get(e.source);
    const head = cluster.get(e.target);
    if (tail) ea.push(`ltail=${tail}`);
    if (head) ea.push(`lhead=${head}`);
    out.push(`  ${a} -> ${b}${ea.length ? ` [${ea.join(", ")}]` : ""};`);
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}
