import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { labelOf, repoRoot } from "./helpers";

/** The shared corpus: scripts with the graph a reader expects (see its README). */
const corpusDir = path.resolve(repoRoot, "..", "shared", "visualizer-corpus");

interface Expected {
  dialect: string;
  nodes: string[];
  edges: Array<[string, string] | [string, string, string]>;
  partial?: boolean;
}

const present = existsSync(corpusDir);
const scripts = present ? readdirSync(corpusDir).filter((f) => f.endsWith(".py")).sort() : [];
// The shared corpus sits beside the project only in CI and on the team's machines; a newcomer's clone has none.
if (!present) process.stdout.write(`corpus.test: ${corpusDir} not found — skipping the shared-corpus checks\n`);

describe.skipIf(!present)("visualizer corpus (../shared/visualizer-corpus)", () => {
  it("finds scripts in the corpus", () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  for (const file of scripts) {
    it(file, () => {
      const expectedPath = path.join(corpusDir, file.replace(/\.py$/, ".expected.json"));
      const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as Expected;
      const g = visualize(readFileSync(path.join(corpusDir, file), "utf8"));

      expect(g.dialect).toBe(expected.dialect);

      const labels = g.nodes.map((n) => n.label);
      for (const label of expected.nodes) expect(labels, `node "${label}"`).toContain(label);

      const listed = new Set(expected.nodes);
      const drawn = g.edges.map((e) => ({ from: labelOf(g, e.source), to: labelOf(g, e.target), label: e.label }));
      for (const [from, to, label] of expected.edges) {
        const match = drawn.find((e) => e.from === from && e.to === to && (label === undefined || e.label === label));
        expect(match, `edge ${from} -> ${to}${label ? ` [${label}]` : ""}; drawn: ${JSON.stringify(drawn)}`).toBeDefined();
      }
      for (const e of drawn) {
        if (!listed.has(e.from) || !listed.has(e.to)) continue;
        const isListed = expected.edges.some(([from, to]) => from === e.from && to === e.to);
        expect(isListed, `unexpected edge ${e.from} -> ${e.to}`).toBe(true);
      }

      if (expected.partial) {
        expect(g.diagnostics.some((d) => d.severity === "error")).toBe(true);
      }
    });
  }
});
