/**
 * LangGraph: what the golden corpus (tests/fixtures/visualizer/langgraph) cannot say — where nodes point in the
 * source, warnings and their lines, and scripts that must end without throwing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { byLabel, expectEdge, graphOf, repoRoot } from "./helpers";

const golden = (name: string) => visualize(readFileSync(path.join(repoRoot, "tests/fixtures/visualizer/langgraph", name), "utf8"));

describe("LangGraph", () => {
  it("points a node at its add_node call and at the def of the function it runs", () => {
    const g = graphOf("langgraph_basic.py");
    const improve = byLabel(g, "improve");
    expect(improve.source?.startLine).toBe(25);
    expect(improve.definition?.startLine).toBe(15);
    expect(improve.id).toBe("langgraph:builder:improve");
    expect(improve.detail).toBe("improve_joke");
  });

  it("gives each StateGraph in a file its own group, with START nodes of distinct ids", () => {
    const g = graphOf("langgraph_multi.py");
    expect(g.nodes.filter((n) => n.kind === "group").map((n) => n.label)).toEqual(["build_planner", "build_actor", "build_reviewer"]);
    expect(new Set(g.nodes.filter((n) => n.kind === "start").map((n) => n.id)).size).toBe(3);
  });

  it("points a prebuilt agent's nodes at the create_react_agent call", () => {
    const g = golden("react_agent_prebuilt.py");
    const agent = byLabel(g, "agent");
    expect(agent.source?.startLine).toBe(33);
    expect(agent.role).toBe("agent");
  });

  it("points a functional-API task node at its call and at the task's def", () => {
    const g = golden("functional_essay.py");
    const outline = byLabel(g, "outline");
    expect(outline.source?.startLine).toBe(39);
    expect(outline.definition?.startLine).toBe(13);
    expect(byLabel(g, "essay_workflow").definition?.startLine).toBe(37);
  });

  it("warns about an edge to a node never added, at the line of the edge, and still draws it", () => {
    const g = visualize(`from langgraph.graph import StateGraph, START
g = StateGraph(dict)
g.add_node("a", lambda s: s)
g.add_edge(START, "a")
g.add_edge("a", "missing")
g.add_node(some_factory())
`);
    expectEdge(g, "a", "missing");
    const warnings = g.diagnostics.filter((d) => d.severity === "warning").map((d) => [d.line, d.message]);
    expect(warnings).toEqual([
      [6, "add_node: cannot tell the node's name"],
      [5, 'Node "missing" is used in an edge but never added with add_node'],
    ]);
  });

  it("marks the target of Send calls in a lambda router as many", () => {
    const g = visualize(`from langgraph.graph import StateGraph, START, END
from langgraph.types import Send
def plan(state): return state
def work(state): return state
b = StateGraph(dict)
b.add_node("plan", plan)
b.add_node("work", work)
b.add_edge(START, "plan")
b.add_conditional_edges("plan", lambda s: [Send("work", {"item": i}) for i in s["items"]], ["work"])
b.add_edge("work", END)
`);
    expect(byLabel(g, "work").many).toBe(true);
    expect(byLabel(g, "plan").many).toBeUndefined();
  });

  it("reads a graph built on attributes in a class's __init__, named after the class", () => {
    const g = visualize(`from langgraph.graph import StateGraph, END
class Agent:
    def __init__(self, model):
        self.graph = StateGraph(dict)
        self.graph.add_node("llm", self.call_llm)
        self.graph.add_node("action", self.take_action)
        self.graph.add_conditional_edges("llm", self.exists_action, {True: "action", False: END})
        self.graph.add_edge("action", "llm")
        self.graph.set_entry_point("llm")
        self.app = self.graph.compile()

    def call_llm(self, state):
        """Ask the model what to do next."""
        return state

    def take_action(self, state):
        return state
`);
    expect(g.nodes.filter((n) => n.kind === "group").map((n) => n.label)).toEqual(["Agent"]);
    expectEdge(g, "llm", "action", { kind: "conditional", label: "True" });
    expectEdge(g, "llm", "END", { kind: "conditional", label: "False" });
    expectEdge(g, "action", "llm", { kind: "flow" });
    expectEdge(g, "START", "llm", { kind: "flow" });
    expect(byLabel(g, "llm").doc).toBe("Ask the model what to do next.");
  });

  it("ends on builders returned by recursive functions and on builders that add themselves", () => {
    const g = visualize(`from langgraph.graph import StateGraph, START
def build():
    return build()
def loop():
    g = StateGraph(dict)
    g.add_node("self", g.compile())
    g.add_edge(START, "self")
    return g.compile()
outer = StateGraph(dict)
outer.add_node("inner", build())
outer.add_node("looped", loop())
outer.add_edge(START, "inner")
`);
    expect(g.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(byLabel(g, "looped").kind).toBe("group");
    expect(byLabel(g, "self").role).toBe("subgraph");
  });
});
