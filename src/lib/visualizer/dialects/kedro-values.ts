/**
 * Kedro: the values the reader computes from a script — nodes, pipelines (lists of nodes), and the strings, lists
 * and dicts that build them — and the dataset names a node reads and writes.
 */
import type { SyntaxNode } from "@lezer/common";
import type { SourceSpan } from "../types";

/** Where the nodes of a drawn pipeline come from: a `create_pipeline`-like function or a module-level variable. */
export interface PipelineSource {
  /** Its name in the script (the function's or the variable's). */
  name: string;
  /** The name it is drawn under (see kedro-groups.ts). */
  label: string;
  at: SyntaxNode;
  /** The function's definition, for a function. */
  definition: SourceSpan | null;
  /** Used by another pipeline expression: its nodes are drawn there, not on their own. */
  consumed: boolean;
}

/** One Kedro node: `node(func, inputs, outputs, name=…, namespace=…)`, possibly copied by `pipeline(namespace=…)`. */
export interface KedroNode {
  /** `name=` as written, without namespace; null when not given. */
  name: string | null;
  /** The function it runs (last part of its name), null for a lambda or an expression. */
  func: string | null;
  namespace: string | null;
  inputs: string[];
  outputs: string[];
  call: SyntaxNode;
  definition: SourceSpan | null;
  /** The outermost pipeline source it was made or copied in (set as sources complete). */
  origin: PipelineSource | null;
}

export type KValue =
  | { k: "str"; v: string }
  | { k: "node"; node: KedroNode }
  | { k: "pipe"; nodes: KedroNode[] }
  | { k: "list"; items: KValue[] }
  | { k: "dict"; entries: Map<string, KValue> }
  | { k: "none" }
  | { k: "unknown" };

export const UNKNOWN: KValue = Object.freeze({ k: "unknown" }) as KValue;
export const NONE: KValue = Object.freeze({ k: "none" }) as KValue;

/** The label a node is drawn with: its name, else its function's. */
export function nodeLabel(n: KedroNode): string {
  return n.name ?? n.func ?? "lambda";
}

/** Kedro's full node name: `namespace.name`. */
export function fullName(n: KedroNode): string {
  return n.namespace ? `${n.namespace}.${nodeLabel(n)}` : nodeLabel(n);
}

/** `X@pandas` and `X@spark` are one dataset, `X` (Kedro joins on the part before `@`). */
export function datasetBase(name: string): string {
  const at = name.indexOf("@");
  return at < 0 ? name : name.slice(0, at);
}

export function isParameter(name: string): boolean {
  return name === "parameters" || name.startsWith("params:");
}

/** Dataset names from a node's `inputs`/`outputs`: a string, a list, a dict's values, or None. */
export function datasetNames(v: KValue): string[] {
  switch (v.k) {
    case "str":
      return [v.v];
    case "list":
      return v.items.flatMap((i) => (i.k === "str" ? [i.v] : []));
    case "dict":
      return [...v.entries.values()].flatMap((i) => (i.k === "str" ? [i.v] : []));
    default:
      return [];
  }
}

/** The nodes a value holds: a node, a pipeline, or a list of either (nested lists flattened), once each. */
export function nodesOf(v: KValue, out: KedroNode[] = [], seen = new Set<KedroNode>(), depth = 0): KedroNode[] {
  if (depth > 50) return out;
  const add = (n: KedroNode): void => {
    if (seen.has(n)) return;
    seen.add(n);
    out.push(n);
  };
  if (v.k === "node") add(v.node);
  else if (v.k === "pipe") v.nodes.forEach(add);
  else if (v.k === "list") for (const i of v.items) nodesOf(i, out, seen, depth + 1);
  else if (v.k === "dict") for (const i of v.entries.values()) nodesOf(i, out, seen, depth + 1);
  return out;
}

/** The items of an iterable value (a list, a dict's keys), null when unknown. */
export function iterItems(v: KValue): KValue[] | null {
  if (v.k === "list") return v.items;
  if (v.k === "dict") return [...v.entries.keys()].map((key): KValue => ({ k: "str", v: key }));
  return null;
}

/** `a + b`: pipelines join (Kedro's `Pipeline.__add__`), lists and strings concatenate. */
export function addValues(a: KValue, b: KValue): KValue {
  if (a.k === "str" && b.k === "str") return { k: "str", v: a.v + b.v };
  if (a.k === "list" && b.k === "list") return { k: "list", items: [...a.items, ...b.items] };
  if (a.k === "pipe" || b.k === "pipe" || a.k === "node" || b.k === "node") {
    const nodes = nodesOf(a);
    return { k: "pipe", nodes: nodesOf(b, nodes, new Set(nodes)) };
  }
  return UNKNOWN;
}
