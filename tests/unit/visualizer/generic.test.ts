import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { byLabel, edgeStrings, expectEdge, expectNoEdge, graphOf, stepLabels } from "./helpers";

describe("generic scripts", () => {
  it("reads a main() function as the pipeline, with data edges from assignment to use", () => {
    const g = graphOf("generic_main.py");
    expect(g.dialect).toBe("generic");
    expect(stepLabels(g).filter((l) => !l.includes(" "))).toEqual([
      "load_rows",
      "build_lookup",
      "validate",
      "enrich",
      "write_report",
      "archive",
    ]);
    expectEdge(g, "load_rows", "validate", { kind: "data" });
    expectEdge(g, "load_rows", "enrich");
    expectEdge(g, "build_lookup", "enrich");
    expectEdge(g, "enrich", "write_report"); // through good.append(...)
    expectNoEdge(g, "load_rows", "archive");
    expect(g.nodes.some((n) => ["print", "open", "len", "list"].includes(n.label))).toBe(false);
  });

  it("makes for / if / with blocks around steps groups labelled with their header", () => {
    const g = graphOf("generic_main.py");
    const loop = byLabel(g, "for row in rows");
    expect(loop.kind).toBe("group");
    const cond = byLabel(g, "if validate(row)");
    expect(cond.parent).toBe(loop.id);
    expect(byLabel(g, "enrich").parent).toBe(cond.id);
    expect(byLabel(g, "validate").parent).toBe(loop.id);
    const withBlock = byLabel(g, 'with open("out.txt", "w") as out');
    expect(byLabel(g, "write_report").parent).toBe(withBlock.id);
    expect(byLabel(g, "archive").parent).toBeNull();
    expect(byLabel(g, "load_rows").definition?.startLine).toBe(5);
  });

  it("reads the module's top level when there is no entry point; while blocks become groups", () => {
    const g = graphOf("generic_toplevel.py");
    expect(edgeStrings(g).sort()).toEqual(["read -> transform", "transform -> save", "transform -> save", "transform -> transform"].sort());
    const loop = byLabel(g, "while len(result) > 100");
    const inner = g.nodes.filter((n) => n.label === "transform");
    expect(inner.map((n) => n.parent)).toEqual([null, loop.id]);
    expect(inner.map((n) => n.id)).toEqual(["generic:transform", "generic:transform#2"]);
  });

  it("follows an entry point that only calls one function into that function", () => {
    const g = graphOf("generic_descend.py");
    expect(stepLabels(g)).toEqual(["fetch", "double", "show"]);
    expectEdge(g, "fetch", "double");
    expectEdge(g, "double", "show");
  });

  it("prefers the __main__ block to main()", () => {
    const g = visualize(`def a():
    return 1
def b(x):
    return x
def main():
    a()
if __name__ == "__main__":
    x = a()
    b(x)
`);
    expectEdge(g, "a", "b");
    expect(stepLabels(g)).toEqual(["a", "b"]);
  });

  it("connects a call nested as an argument", () => {
    const g = visualize(`def load(): ...
def clean(x): ...
def save(x, y): ...
save(clean(load()), "out")
`);
    expectEdge(g, "load", "clean");
    expectEdge(g, "clean", "save");
  });

  it("labels if / elif / else branches and keeps empty blocks out", () => {
    const g = visualize(`def a(): ...
def b(): ...
def c(): ...
if mode == "x":
    a()
elif mode == "y":
    b()
else:
    c()
for i in range(3):
    print(i)
`);
    expect(byLabel(g, "a").parent).toBe(byLabel(g, 'if mode == "x"').id);
    expect(byLabel(g, "b").parent).toBe(byLabel(g, 'elif mode == "y"').id);
    expect(byLabel(g, "c").parent).toBe(byLabel(g, "else").id);
    expect(g.nodes.some((n) => n.label.startsWith("for"))).toBe(false);
  });
});
