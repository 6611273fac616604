import { describe, expect, it } from "vitest";
import { diffText, parseIncremental, parsePython, visualize, visualizeTree } from "~/lib/visualizer";
import { fixture } from "./helpers";

describe("parsing entry points", () => {
  it("visualizeTree on a tree the caller parsed gives the same graph as visualize", () => {
    const code = fixture("airflow_groups.py");
    expect(visualizeTree(parsePython(code), code)).toEqual(visualize(code));
  });

  it("parseIncremental after a one-character edit gives the same tree shape as a full parse", () => {
    const code = fixture("langgraph_constants.py");
    const tree = parsePython(code);
    const at = code.indexOf('"retrieve"') + 1;
    const edited = `${code.slice(0, at)}x${code.slice(at)}`;
    const incremental = parseIncremental(tree, code, edited);
    expect(incremental.toString()).toBe(parsePython(edited).toString());
    expect(visualizeTree(incremental, edited)).toEqual(visualize(edited));
    expect(visualize(edited).nodes.map((n) => n.label)).toContain("xretrieve");
  });

  it("accepts the changed ranges from the editor", () => {
    const code = "def a():\n    return 1\n";
    const edited = "def ab():\n    return 1\n";
    const changes = [{ fromA: 5, toA: 5, fromB: 5, toB: 6 }];
    expect(parseIncremental(parsePython(code), code, edited, changes).toString()).toBe(parsePython(edited).toString());
  });

  it("diffText finds the one changed range", () => {
    expect(diffText("abcdef", "abXYef")).toEqual([{ fromA: 2, toA: 4, fromB: 2, toB: 4 }]);
    expect(diffText("abc", "abc")).toEqual([]);
    expect(diffText("aaa", "aaaa")).toEqual([{ fromA: 3, toA: 3, fromB: 3, toB: 4 }]);
  });
});
