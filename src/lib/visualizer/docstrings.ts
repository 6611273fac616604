/**
 * The first line of the docstring of the function behind each node (`GraphNode.doc`), for every dialect: a node
 * whose `definition` is a function of the script gets the first non-blank line of that function's docstring.
 */
import type { GraphBuilder } from "./graph-builder";
import type { FunctionInfo, ModuleIndex } from "./module-index";
import { stringValue } from "./syntax";

/** The first non-blank line of a function's docstring, trimmed; null when it has none. */
export function docstringFirstLine(code: string, fn: FunctionInfo): string | null {
  let first = fn.body?.firstChild ?? null;
  while (first && (first.name === ":" || first.name === "Comment")) first = first.nextSibling;
  if (first?.name === "StatementGroup") first = first.firstChild;
  if (first?.name !== "ExpressionStatement") return null;
  const expr = first.firstChild;
  const value = expr ? stringValue(code, expr) : null;
  if (value === null) return null;
  for (const line of value.split("\n")) {
    const t = line.trim();
    if (t) return t;
  }
  return null;
}

export function addDocstrings(graph: GraphBuilder, index: ModuleIndex, code: string): void {
  let byDefinition: Map<number, FunctionInfo> | null = null;
  const cache = new Map<FunctionInfo, string | null>();
  for (const node of graph.nodes) {
    if (!node.definition || node.doc) continue;
    if (!byDefinition) {
      byDefinition = new Map();
      for (const f of index.allFunctions) byDefinition.set(f.definition.from, f);
    }
    const fn = byDefinition.get(node.definition.from);
    if (!fn) continue;
    let doc = cache.get(fn);
    if (doc === undefined) {
      doc = docstringFirstLine(code, fn);
      cache.set(fn, doc);
    }
    if (doc) node.doc = doc;
  }
}
