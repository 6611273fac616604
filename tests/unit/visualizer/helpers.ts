import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { visualize } from "~/lib/visualizer";
import type { GraphEdge, GraphNode, WorkflowGraph } from "~/lib/visualizer/types";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "..", "..", "..");
export const fixturesDir = path.join(here, "fixtures");

export function fixture(name: string): string {
  return readFileSync(path.join(fixturesDir, name), "utf8");
}

export function graphOf(name: string): WorkflowGraph {
  return visualize(fixture(name));
}

export function byLabel(g: WorkflowGraph, label: string): GraphNode {
  const found = g.nodes.filter((n) => n.label === label);
  expect(found, `exactly one node labelled "${label}" in ${g.nodes.map((n) => n.label).join(", ")}`).toHaveLength(1);
  return found[0] as GraphNode;
}

export function labelOf(g: WorkflowGraph, id: string): string {
  return g.nodes.find((n) => n.id === id)?.label ?? `?${id}`;
}

/** Edges as "a -> b" or "a -> b [label]" by node label. */
export function edgeStrings(g: WorkflowGraph, filter: (e: GraphEdge) => boolean = () => true): string[] {
  return g.edges.filter(filter).map((e) => `${labelOf(g, e.source)} -> ${labelOf(g, e.target)}${e.label ? ` [${e.label}]` : ""}`);
}

export function edgeBetween(g: WorkflowGraph, from: string, to: string): GraphEdge | undefined {
  return g.edges.find((e) => labelOf(g, e.source) === from && labelOf(g, e.target) === to);
}

export function expectEdge(g: WorkflowGraph, from: string, to: string, props: Partial<GraphEdge> = {}): GraphEdge {
  const e = edgeBetween(g, from, to);
  expect(e, `edge ${from} -> ${to} in\n${edgeStrings(g).join("\n")}`).toBeDefined();
  const edge = e as GraphEdge;
  for (const [k, v] of Object.entries(props)) expect(edge[k as keyof GraphEdge], `${from} -> ${to} ${k}`).toEqual(v);
  return edge;
}

export function expectNoEdge(g: WorkflowGraph, from: string, to: string): void {
  expect(edgeBetween(g, from, to), `no edge ${from} -> ${to}`).toBeUndefined();
}

export function stepLabels(g: WorkflowGraph): string[] {
  return g.nodes.filter((n) => n.kind !== "group").map((n) => n.label);
}

export function errors(g: WorkflowGraph): WorkflowGraph["diagnostics"] {
  return g.diagnostics.filter((d) => d.severity === "error");
}
