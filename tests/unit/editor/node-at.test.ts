import { describe, expect, it } from "vitest";
import { nodeAtPosition, selectionSpanOf } from "~/components/editor/node-at";
import { findExample } from "~/lib/examples";
import { visualize } from "~/lib/visualizer";

const code = findExample("langgraph-agent")!.code;
const graph = visualize(code);
const idOf = (label: string) => graph.nodes.find((n) => n.label === label)!.id;

describe("cursor → node", () => {
  it("finds the node whose add_node call holds the cursor", () => {
    const pos = code.indexOf('builder.add_node("write"') + 5;
    expect(nodeAtPosition(graph, pos)).toBe(idOf("write"));
  });

  it("finds the node whose function definition holds the cursor", () => {
    const pos = code.indexOf("draft = model.invoke");
    expect(nodeAtPosition(graph, pos)).toBe(idOf("write"));
  });

  it("prefers the narrowest range: a step inside its group", () => {
    const group = graph.nodes.find((n) => n.kind === "group");
    expect(group).toBeDefined();
    const pos = code.indexOf('builder.add_node("plan"') + 3;
    expect(nodeAtPosition(graph, pos)).toBe(idOf("plan"));
  });

  it("is null outside every node's code", () => {
    expect(nodeAtPosition(graph, 0)).toBeNull();
    expect(nodeAtPosition({ ...graph, nodes: [] }, 10)).toBeNull();
  });

  it("takes a click to the definition when known, else to the declaring code", () => {
    const source = { from: 1, to: 2, startLine: 1, endLine: 1 };
    const definition = { from: 5, to: 9, startLine: 2, endLine: 3 };
    expect(selectionSpanOf({ source, definition })).toBe(definition);
    expect(selectionSpanOf({ source, definition: null })).toBe(source);
    expect(selectionSpanOf({ source: null, definition: null })).toBeNull();
  });
});
