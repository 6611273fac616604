import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { byLabel, edgeStrings, expectEdge, expectNoEdge, graphOf, stepLabels } from "./helpers";

describe("LangGraph", () => {
  it("reads add_node(fn) and add_node(name, fn), START and END, add_edge", () => {
    const g = graphOf("langgraph_basic.py");
    expect(g.dialect).toBe("langgraph");
    expect(stepLabels(g).sort()).toEqual(["END", "START", "generate_joke", "improve", "polish"]);
    expect(byLabel(g, "START").kind).toBe("start");
    expect(byLabel(g, "END").kind).toBe("end");
    expect(edgeStrings(g).sort()).toEqual(
      ["START -> generate_joke", "generate_joke -> improve", "improve -> polish", "polish -> END"].sort(),
    );
    // The node is declared by its add_node call; it runs the function defined by `def`.
    const improve = byLabel(g, "improve");
    expect(improve.source?.startLine).toBe(25);
    expect(improve.definition?.startLine).toBe(15);
    expect(improve.id).toBe("langgraph:builder:improve");
  });

  it("puts every builder's nodes in a group", () => {
    const g = graphOf("langgraph_basic.py");
    const group = byLabel(g, "builder");
    expect(group.kind).toBe("group");
    for (const n of g.nodes) if (n !== group) expect(n.parent).toBe(group.id);
  });

  it("reads set_entry_point and set_finish_point", () => {
    const g = graphOf("langgraph_entry_finish.py");
    expectEdge(g, "START", "clean");
    expectEdge(g, "clean", "summarize");
    expectEdge(g, "summarize", "END");
  });

  it("reads a list of sources as a join", () => {
    const g = graphOf("langgraph_join.py");
    expectEdge(g, "a", "b");
    expectEdge(g, "a", "c");
    expectEdge(g, "b", "d");
    expectEdge(g, "c", "d");
    expectEdge(g, "d", "END");
  });

  it("labels conditional edges with the path map's keys", () => {
    const g = graphOf("langgraph_constants.py");
    expectEdge(g, "grade", "generate", { kind: "conditional", label: "relevant" });
    expectEdge(g, "grade", "retrieve", { kind: "conditional", label: "irrelevant" });
  });

  it("reads a list path map", () => {
    const g = graphOf("langgraph_conditional_list.py");
    expectEdge(g, "grade", "accept", { kind: "conditional" });
    expectEdge(g, "grade", "reject", { kind: "conditional" });
    expect(g.edges.every((e) => !e.inferred)).toBe(true);
  });

  it("takes targets from the router's Literal return annotation", () => {
    const g = graphOf("langgraph_router_literal.py");
    expectEdge(g, "agent", "tools", { kind: "conditional" });
    expectEdge(g, "agent", "END", { kind: "conditional" });
    expect(g.edges.some((e) => e.inferred)).toBe(false);
  });

  it("takes targets from a Command[Literal[...]] router annotation", () => {
    const g = visualize(`from typing import Literal
from langgraph.graph import StateGraph, START
from langgraph.types import Command
def a(state): return state
def b(state): return state
def c(state): return state
def route(state) -> Command[Literal["b", "c"]]:
    return Command(goto="b")
builder = StateGraph(dict)
builder.add_node("a", a)
builder.add_node("b", b)
builder.add_node("c", c)
builder.add_edge(START, "a")
builder.add_conditional_edges("a", route)
`);
    expectEdge(g, "a", "b", { kind: "conditional" });
    expectEdge(g, "a", "c", { kind: "conditional" });
    expect(g.edges.some((e) => e.inferred)).toBe(false);
  });

  it("guesses edges to every node for an untyped router, marked inferred", () => {
    const g = graphOf("langgraph_router_untyped.py");
    for (const t of ["billing", "support", "END"]) expectEdge(g, "classify", t, { kind: "conditional", inferred: true });
    expectNoEdge(g, "classify", "START");
    expectEdge(g, "billing", "END", { kind: "flow" });
    expect(edgeStrings(g, (e) => !e.inferred)).not.toContain("classify -> billing");
  });

  it("draws Command[Literal[...]] and Command(goto=...) as edges", () => {
    const g = graphOf("langgraph_command.py");
    expectEdge(g, "supervisor", "researcher", { kind: "conditional" });
    expectEdge(g, "supervisor", "writer", { kind: "conditional" });
    expectEdge(g, "supervisor", "END", { kind: "conditional" });
    expectEdge(g, "researcher", "supervisor", { kind: "conditional" });
    // untyped, but the body says goto="supervisor"
    expectEdge(g, "writer", "supervisor");
  });

  it("reads add_sequence, including (name, fn) pairs", () => {
    const g = graphOf("langgraph_sequence.py");
    expectEdge(g, "START", "step_1");
    expectEdge(g, "step_1", "step_2");
    expectEdge(g, "step_2", "final");
    expect(byLabel(g, "final").definition?.startLine).toBe(19);
  });

  it("resolves node names held in module constants and class attributes", () => {
    const g = graphOf("langgraph_constants.py");
    expect(stepLabels(g)).toEqual(expect.arrayContaining(["retrieve", "grade", "generate"]));
    expectEdge(g, "START", "retrieve");
    expectEdge(g, "retrieve", "grade");
    expectEdge(g, "generate", "END");
  });

  it("draws a compiled builder used as a node as a subgraph group", () => {
    const g = graphOf("langgraph_subgraph.py");
    const node2 = byLabel(g, "node_2");
    expect(node2.kind).toBe("group");
    expect(byLabel(g, "subgraph_node_1").parent).toBe(node2.id);
    expect(byLabel(g, "subgraph_node_2").parent).toBe(node2.id);
    expect(g.nodes.some((n) => n.label === "subgraph_builder")).toBe(false);
    expectEdge(g, "node_1", "node_2");
    expectEdge(g, "subgraph_node_1", "subgraph_node_2");
  });

  it("gives each StateGraph in a file its own group", () => {
    const g = graphOf("langgraph_multi.py");
    const groups = g.nodes.filter((n) => n.kind === "group").map((n) => n.label);
    expect(groups).toEqual(["build_planner", "build_actor", "build_reviewer"]);
    for (const label of ["plan", "act", "review"]) {
      const n = byLabel(g, label);
      expect(g.nodes.find((x) => x.id === n.parent)?.kind).toBe("group");
    }
    // Three START nodes, one per graph, with distinct ids.
    const starts = g.nodes.filter((n) => n.kind === "start");
    expect(new Set(starts.map((n) => n.id)).size).toBe(3);
  });

  it("marks a node reached through Send as many", () => {
    const g = graphOf("langgraph_send.py");
    expect(byLabel(g, "generate_joke").many).toBe(true);
    expectEdge(g, "generate_topics", "generate_joke", { kind: "conditional" });
    expect(byLabel(g, "best_joke").many).toBeUndefined();
  });

  it("warns about an edge to a node never added, and still draws it", () => {
    expect(graphOf("langgraph_basic.py").diagnostics).toEqual([]);
    const g = visualize(`from langgraph.graph import StateGraph, START
g = StateGraph(dict)
g.add_node("a", lambda s: s)
g.add_edge(START, "a")
g.add_edge("a", "missing")
`);
    expectEdge(g, "a", "missing");
    const warning = g.diagnostics.find((d) => d.severity === "warning");
    expect(warning?.message).toContain("missing");
    expect(warning?.line).toBe(5);
  });

  it("reads chained builder calls and tools_condition", () => {
    const g = visualize(`from langgraph.graph import StateGraph, START
from langgraph.prebuilt import ToolNode, tools_condition
def agent(state):
    return state
graph = (
    StateGraph(dict)
    .add_node("agent", agent)
    .add_node("tools", ToolNode([]))
    .add_edge(START, "agent")
    .add_conditional_edges("agent", tools_condition)
    .add_edge("tools", "agent")
    .compile()
)
`);
    expectEdge(g, "START", "agent");
    expectEdge(g, "agent", "tools", { kind: "conditional" });
    expectEdge(g, "agent", "END", { kind: "conditional" });
    expectEdge(g, "tools", "agent");
    expect(g.edges.some((e) => e.inferred)).toBe(false);
  });
});
