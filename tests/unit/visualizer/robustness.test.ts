import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { errors, expectEdge, fixture } from "./helpers";

describe("half-typed and hostile input", () => {
  it("an empty file, a 1-char file and only imports give an empty graph without errors", () => {
    for (const code of ["", "x", "\n", "import os\nfrom typing import Any\n"]) {
      const g = visualize(code);
      expect(g.nodes).toEqual([]);
      expect(errors(g)).toEqual([]);
    }
  });

  it("an unclosed paren reports the line where it opens and keeps what parses before", () => {
    const code = `from prefect import flow, task
@task
def a():
    return 1
@task
def b(x):
    return x
@flow
def f():
    x = a()
    b(x)
    y = b(x,
`;
    const g = visualize(code);
    expect(g.dialect).toBe("prefect");
    expectEdge(g, "a", "b");
    const e = errors(g);
    expect(e.length).toBeGreaterThan(0);
    expect(e.map((d) => d.line)).toContain(12);
  });

  it("a line cut mid-call in the middle of a file", () => {
    const code = fixture("airflow_operators.py").replace(
      '    transform = BashOperator(task_id="transform", bash_command="echo t")',
      '    transform = BashOperator(task_id="transf',
    );
    const g = visualize(code);
    expect(g.dialect).toBe("airflow");
    expect(g.nodes.map((n) => n.label)).toEqual(expect.arrayContaining(["start", "extract_a", "extract_b"]));
    const e = errors(g);
    expect(e.length).toBeGreaterThan(0);
    expect(e[0]?.line).toBe(16);
  });

  it("an unclosed string reports its line", () => {
    const g = visualize('def f():\n    return 1\nx = "abc\ny = f()\n');
    expect(errors(g).map((d) => d.line)).toContain(3);
  });

  it("a stray token reports its line and column", () => {
    const g = visualize("def f():\n    return 1\nx = f() )\n");
    const d = errors(g)[0];
    expect(d?.line).toBe(3);
    expect(d?.column).toBeGreaterThan(1);
    expect(d?.from).toBeGreaterThanOrEqual(0);
  });

  it("a LangGraph builder cut mid-line still draws the edges before it", () => {
    const lines = fixture("langgraph_basic.py").split("\n");
    const cut = lines.findIndex((l) => l.startsWith("builder.add_edge(\"improve\""));
    lines[cut] = 'builder.add_edge("improve", ';
    const g = visualize(lines.join("\n"));
    expect(g.dialect).toBe("langgraph");
    expectEdge(g, "START", "generate_joke");
    expectEdge(g, "generate_joke", "improve");
    expect(errors(g).map((d) => d.line)).toContain(cut + 1);
  });

  it("binary junk does not throw", () => {
    let junk = "";
    let seed = 7;
    for (let i = 0; i < 4000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      junk += String.fromCharCode(seed % 256);
    }
    const g = visualize(junk);
    expect(Array.isArray(g.nodes)).toBe(true);
    expect(g.diagnostics.length).toBeGreaterThan(0);
    expect(g.diagnostics.every((d) => d.line >= 1)).toBe(true);
  });

  it("deeply nested brackets do not throw", () => {
    for (const depth of [500, 5000]) {
      const open = `x = ${"(".repeat(depth)}1${")".repeat(depth)}\n`;
      expect(() => visualize(open)).not.toThrow();
      const unclosed = `def f(): pass\ny = f(${"[".repeat(depth)}\n`;
      const g = visualize(unclosed);
      expect(errors(g).length).toBeGreaterThan(0);
      const call = `from prefect import flow, task\n@task\ndef t(x): return x\n@flow\ndef f():\n    t(${"t(".repeat(depth)}1${")".repeat(depth)})\n`;
      expect(() => visualize(call)).not.toThrow();
    }
  });

  it("every prefix of a workflow file (typing it character by character) visualizes", () => {
    const code = fixture("langgraph_constants.py");
    for (let i = 0; i <= code.length; i += 7) {
      const g = visualize(code.slice(0, i));
      expect(g.diagnostics.every((d) => d.line >= 1 && d.line <= code.slice(0, i).split("\n").length)).toBe(true);
    }
  });

  it("non-string input does not throw", () => {
    expect(() => visualize(undefined as unknown as string)).not.toThrow();
    expect(() => visualize(42 as unknown as string)).not.toThrow();
  });
});
