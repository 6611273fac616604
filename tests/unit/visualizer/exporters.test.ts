import { describe, expect, it } from "vitest";
import { toDot, toMermaid, visualize } from "~/lib/visualizer";
import { escapeDot } from "~/lib/visualizer/export-dot";
import { escapeMermaid } from "~/lib/visualizer/export-mermaid";
import type { WorkflowGraph } from "~/lib/visualizer/types";
import { fixture } from "./helpers";

const tricky: WorkflowGraph = {
  dialect: "generic",
  nodes: [
    { id: "g", label: 'group "one"', kind: "group", source: null, definition: null, parent: null },
    { id: "a", label: 'say "hi" <b> #1 `x`', kind: "step", source: null, definition: null, parent: "g" },
    { id: "b", label: "back\\slash\nnewline", kind: "step", source: null, definition: null, parent: null, many: true },
    { id: "s", label: "START", kind: "start", source: null, definition: null, parent: null },
    { id: "d", label: "table", kind: "dataset", source: null, definition: null, parent: null },
  ],
  edges: [
    { id: "1", source: "s", target: "a", kind: "flow" },
    { id: "2", source: "a", target: "b", kind: "conditional", label: 'yes | "no"' },
    { id: "3", source: "b", target: "d", kind: "data", inferred: true },
    { id: "4", source: "g", target: "d", kind: "flow" },
  ],
  diagnostics: [],
};

describe("Mermaid export", () => {
  it("escapes labels with Mermaid entity codes", () => {
    expect(escapeMermaid('a "b" <c> #d `e`')).toBe("a #quot;b#quot; #lt;c#gt; #35;d #96;e#96;");
    expect(escapeMermaid("two\nlines")).toBe("two lines");
  });

  it("draws groups as subgraphs, shapes per kind, dotted conditional edges with labels", () => {
    const text = toMermaid(tricky);
    expect(text.startsWith("flowchart TD\n")).toBe(true);
    expect(text).toContain('subgraph n0["group #quot;one#quot;"]');
    expect(text).toContain('    n1["say #quot;hi#quot; #lt;b#gt; #35;1 #96;x#96;"]');
    expect(text).toContain('n2[["back\\slash newline"]]');
    expect(text).toContain('n3(["START"])');
    expect(text).toContain('n4[("table")]');
    expect(text).toContain('n1 -.->|"yes | #quot;no#quot;"| n2');
    expect(text).toContain("n2 -.-> n4");
    expect(text).toContain("n3 --> n1");
    expect(text).toContain("n0 --> n4");
    expect(text).not.toMatch(/[^\\]"[^"\n]*"[^"\n]*"\]/); // no unescaped quote inside a quoted label
  });

  it("honours the direction and exports a real graph", () => {
    const g = visualize(fixture("langgraph_constants.py"));
    const text = toMermaid(g, { direction: "LR" });
    expect(text.split("\n")[0]).toBe("flowchart LR");
    expect(text).toContain('-.->|"relevant"|');
    expect(text.match(/subgraph/g)).toHaveLength(1);
  });
});

describe("DOT export", () => {
  it("escapes quotes, backslashes and newlines", () => {
    expect(escapeDot('a "b" \\ c\nd')).toBe('a \\"b\\" \\\\ c\\nd');
  });

  it("draws groups as clusters and edges to groups through an anchor", () => {
    const text = toDot(tricky);
    expect(text.startsWith("digraph workflow {\n")).toBe(true);
    expect(text.trimEnd().endsWith("}")).toBe(true);
    expect(text).toContain("subgraph cluster_n0 {");
    expect(text).toContain('label="group \\"one\\"";');
    expect(text).toContain('n2 [label="back\\\\slash\\nnewline", peripheries=2];');
    expect(text).toContain('n1 -> n2 [label="yes | \\"no\\"", style=dashed];');
    expect(text).toContain("n2 -> n4 [style=dotted];");
    expect(text).toContain("n0 -> n4 [ltail=cluster_n0];");
    // balanced braces
    expect((text.match(/{/g) ?? []).length).toBe((text.match(/}/g) ?? []).length);
  });

  it("exports a real graph", () => {
    const text = toDot(visualize(fixture("airflow_groups.py")), { direction: "LR" });
    expect(text).toContain("rankdir=LR;");
    expect(text.match(/subgraph cluster_/g)).toHaveLength(3);
  });
});
