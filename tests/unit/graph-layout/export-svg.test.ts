import { describe, expect, it } from "vitest";
import { escapeXml, svgSize, toSvg, truncateLabel } from "~/lib/graph-layout/export-svg";
import { layoutGraph } from "~/lib/graph-layout/layout";
import type { WorkflowGraph } from "~/lib/visualizer/types";

const span = { from: 0, to: 1, startLine: 1, endLine: 1 };
const evil: WorkflowGraph = {
  dialect: "generic",
  nodes: [
    { id: "a", label: "<script>alert('x')</script>", kind: "step", source: span, definition: null, parent: null },
    { id: 'b"><g onload="x', label: "Tom & Jerry \u0007", kind: "step", source: span, definition: null, parent: "grp" },
    { id: "grp", label: "</text><script>", kind: "group", source: span, definition: null, parent: null },
    { id: "m", label: "mapped", kind: "dataset", source: span, definition: null, parent: null, many: true },
  ],
  edges: [
    { id: "e1", source: "a", target: 'b"><g onload="x', kind: "conditional", label: "<b>yes</b>" },
    { id: "e2", source: 'b"><g onload="x', target: "m", kind: "data", inferred: true },
  ],
  diagnostics: [],
};

describe("toSvg", () => {
  it("escapes every label and id", () => {
    const svg = toSvg(evil, layoutGraph(evil, { direction: "TB" }));
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<b>");
    expect(svg).not.toContain('onload="x"');
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("Tom &amp; Jerry");
    expect(svg).not.toContain("\u0007");
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("draws frames, nodes, a stack for many, dashed inferred edges, edge labels; sized to the drawing", () => {
    const layout = layoutGraph(evil, { direction: "LR" });
    const svg = toSvg(evil, layout, { theme: "dark", title: "Demo" });
    expect(svg.match(/class="frame"/g)).toHaveLength(1);
    expect(svg.match(/class="node"/g)).toHaveLength(3);
    expect(svg.match(/class="edge"/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="2 3"'); // inferred: dotted (back edges are the dashed ones)
    expect(svg).toContain("&lt;b&gt;yes&lt;/b&gt;");
    expect(svg).toContain("<title>Demo</title>");
    const { width, height } = svgSize(layout);
    expect(svg).toContain(`width="${width}" height="${height}"`);
    // The stack: two extra rects behind the `many` node.
    const mBlock = svg.slice(svg.indexOf('data-id="m"'));
    expect(mBlock.slice(0, mBlock.indexOf("</g>")).match(/<rect/g)).toHaveLength(3);
  });

  it("draws each edge's routed path, the very string of the layout, back edges dashed", () => {
    const g: WorkflowGraph = {
      dialect: "langgraph",
      nodes: ["agent", "tools"].map((id) => ({ id, label: id, kind: "step" as const, source: null, definition: null, parent: null, role: id === "tools" ? ("tools" as const) : ("node" as const) })),
      edges: [
        { id: "go", source: "agent", target: "tools", kind: "conditional", label: "tools" },
        { id: "back", source: "tools", target: "agent", kind: "flow" },
      ],
      diagnostics: [],
    };
    const layout = layoutGraph(g, { direction: "TB" });
    const svg = toSvg(g, layout);
    expect(svg).toContain(`data-id="go" d="${layout.edges.go!.path}"`);
    expect(svg).toContain(`data-id="back" d="${layout.edges.back!.path}"`);
    expect(svg).toMatch(/class="edge back" data-id="back"[^>]*stroke-dasharray="6 4"/);
    expect(svg).not.toMatch(/data-id="go"[^>]*stroke-dasharray/);
    // The tool node is coloured as a tool (node-style), the label box is where the layout put it.
    expect(svg).toContain('fill="#fef3c7"');
    const box = layout.edges.go!.label!;
    expect(svg).toContain(`<rect x="${box.x.toFixed(1).replace(/\.0$/, "")}`);
  });

  it("can leave labels out (thumbnails)", () => {
    const svg = toSvg(evil, layoutGraph(evil, { direction: "TB" }), { labels: false });
    expect(svg).not.toContain("mapped");
  });
});

describe("escapeXml / truncateLabel", () => {
  it("escapes the five XML characters and drops invalid control characters", () => {
    expect(escapeXml(`<&>"'`)).toBe("&lt;&amp;&gt;&quot;&apos;");
    expect(escapeXml("a\u0000b")).toBe("a\uFFFDb");
    expect(escapeXml("tab\tok")).toBe("tab\tok");
  });
  it("truncates by code points with an ellipsis", () => {
    expect(truncateLabel("short", 10)).toBe("short");
    expect(truncateLabel("abcdefghijkl", 5)).toBe("abcd…");
    expect(truncateLabel("😀😀😀😀😀😀", 3)).toBe("😀😀…");
  });
});
