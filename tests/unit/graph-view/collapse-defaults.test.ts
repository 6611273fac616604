import { describe, expect, it } from "vitest";
import { BIG_GRAPH_NODES, collapsedOf, decideCollapsed, defaultCollapsed } from "~/components/graph/collapse-defaults";
import type { GraphEdge, GraphNode, WorkflowGraph } from "~/lib/visualizer/types";
import { graphOf, node } from "./helpers";

/** A DAG group holding `groups` task groups of `perGroup` tasks each, plus `loose` tasks directly in the DAG. */
function dag(groups: number, perGroup: number, loose = 0): WorkflowGraph {
  const nodes: GraphNode[] = [node("dag", { kind: "group" })];
  const edges: GraphEdge[] = [];
  for (let g = 0; g < groups; g++) {
    nodes.push(node(`g${g}`, { kind: "group", parent: "dag" }));
    for (let t = 0; t < perGroup; t++) nodes.push(node(`g${g}.t${t}`, { parent: `g${g}` }));
  }
  for (let t = 0; t < loose; t++) nodes.push(node(`loose${t}`, { parent: "dag" }));
  return graphOf(nodes, edges, "airflow");
}

describe("collapse defaults", () => {
  it("shows every group of a graph of at most 60 nodes", () => {
    expect(BIG_GRAPH_NODES).toBe(60);
    expect(defaultCollapsed(dag(6, 10))).toEqual(new Set()); // exactly 60 tasks
  });

  it("past 60 nodes, opens the DAG and collapses its task groups", () => {
    const collapsed = defaultCollapsed(dag(10, 10)); // a 100-task DAG in ten groups
    expect(collapsed.has("dag")).toBe(false);
    expect([...collapsed].sort()).toEqual(["g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9"]);
  });

  it("never collapses a big flat DAG into one box", () => {
    const flat = dag(0, 0, 100);
    expect(defaultCollapsed(flat).has("dag")).toBe(false);
  });

  it("collapses several big top-level groups, each showing its count", () => {
    const nodes: GraphNode[] = [];
    for (const p of ["data_processing", "data_science"]) {
      nodes.push(node(p, { kind: "group" }));
      for (let i = 0; i < 40; i++) nodes.push(node(`${p}.n${i}`, { parent: p }));
    }
    expect([...defaultCollapsed(graphOf(nodes, []))].sort()).toEqual(["data_processing", "data_science"]);
  });

  it("keeps what was decided while the graph changes; new groups of a big graph start collapsed", () => {
    const small = dag(5, 10);
    const first = decideCollapsed(small, new Map());
    expect(collapsedOf(first)).toEqual(new Set());
    // Typing past 60 nodes does not fold up the groups already drawn…
    const grown = dag(7, 10);
    const second = decideCollapsed(grown, first);
    expect(second.get("g0")).toBe(false);
    expect(second.get("g4")).toBe(false);
    // …but the new groups of the big graph start collapsed.
    expect(second.get("g5")).toBe(true);
    expect(second.get("g6")).toBe(true);
    // A person's choice is kept, and an unchanged set of groups gives back the same map.
    const expanded = new Map(second).set("g6", false);
    const third = decideCollapsed(grown, expanded);
    expect(third).toBe(expanded);
    expect(third.get("g6")).toBe(false);
  });

  it("a big script pasted in (all groups new) opens collapsed", () => {
    const pasted = decideCollapsed(dag(10, 10), new Map([["other", false]]));
    expect(collapsedOf(pasted).size).toBe(10);
  });
});
