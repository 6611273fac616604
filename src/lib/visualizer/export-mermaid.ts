/**
 * Mermaid flowchart text for a WorkflowGraph. Groups become (nested) subgraphs; START/END are
 * stadiums, datasets cylinders, "many" nodes subroutine boxes; conditional and inferred edges are
 * dotted, and a branch label or Label("…") sits on its edge. Labels are quoted and escaped with
 * Mermaid's entity codes, so any text is safe.
 */
import { arrange } from "./export-tree";
import type { GraphNode, WorkflowGraph } from "./types";

export interface MermaidOptions {
  direction?: "TD" | "LR";
}

/** Escapes text for a quoted Mermaid label. */
export function escapeMermaid(s: string): string {
  return s
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;")
    .replace(/[\r\n\t]+/g, " ");
}

function nodeShape(n: GraphNode): [string, string] {
  if (n.kind === "start" || n.kind === "end") return ["([", "])"];
  if (n.kind === "dataset") return ["[(", ")]"];
  if (n.many) return ["[[", "]]"];
  return ["[", "]"];
}

export function toMermaid(graph: WorkflowGraph, options: MermaidOptions = {}): string {
  const { short, children } = arrange(graph);
  const out: string[] = [`flowchart ${options.direction ?? "TD"}`];
  const emit = (parent: string, indent: string): void => {
    for (const n of children.get(parent) ?? []) {
      const id = short.get(n.id) ?? "n";
      const label = `"${escapeMermaid(n.label)}"`;
      if (n.kind === "group" || children.has(n.id)) {
        out.push(`${indent}subgraph ${id}[${label}]`);
        emit(n.id, `${indent}  `);
        out.push(`${indent}end`);
      } else {
        const [open, close] = nodeShape(n);
        out.push(`${indent}${id}${open}${label}${close}`);
      }
    }
  };
  emit("", "  ");
  for (const e of graph.edges) {
    const a = short.get(e.source);
    const b = short.get(e.target);
    if (!a || !b) continue;
    const dotted = e.kind === "conditional" || e.inferred;
    const arrow = dotted ? "-.->" : "-->";
    const label = e.label ? `|"${escapeMermaid(e.label)}"|` : "";
    out.push(`  ${a} ${arrow}${label} ${b}`);
  }
  return `${out.join("\n")}\n`;
}
