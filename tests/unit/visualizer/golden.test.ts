/**
 * The golden corpus (tests/fixtures/visualizer/<dialect>/<name>.py): each script's whole graph is compared with its
 * `<name>.graph.json` — a missing or an extra node or edge fails, as does a changed label, kind, role, parent or
 * diagnostic. `npm run visualize -- --update-golden` rewrites the files for review (never in CI).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { GOLDEN_DIR, goldenFixtures, goldenOf, type GoldenGraph } from "../../../scripts/lib/golden-graph";

const fixtures = goldenFixtures();

function expectSameGraph(actual: GoldenGraph, expected: GoldenGraph, file: string): void {
  const key = (x: unknown) => JSON.stringify(x);
  const missingNodes = expected.nodes.filter((n) => !actual.nodes.some((a) => key(a) === key(n)));
  const extraNodes = actual.nodes.filter((n) => !expected.nodes.some((e) => key(e) === key(n)));
  const missingEdges = expected.edges.filter((n) => !actual.edges.some((a) => key(a) === key(n)));
  const extraEdges = actual.edges.filter((n) => !expected.edges.some((e) => key(e) === key(n)));
  const report = [
    ...missingNodes.map((n) => `missing node ${key(n)}`),
    ...extraNodes.map((n) => `extra node   ${key(n)}`),
    ...missingEdges.map((e) => `missing edge ${key(e)}`),
    ...extraEdges.map((e) => `extra edge   ${key(e)}`),
  ];
  expect(report, `${file}: the graph differs from the golden file`).toEqual([]);
  expect(actual, file).toEqual(expected);
}

describe("golden corpus", () => {
  it("has at least 60 scripts, at least 8 per dialect", () => {
    expect(fixtures.length, GOLDEN_DIR).toBeGreaterThanOrEqual(60);
    for (const dialect of ["langgraph", "airflow", "prefect", "dagster", "kedro", "generic"]) {
      expect(fixtures.filter((f) => f.dialect === dialect).length, dialect).toBeGreaterThanOrEqual(8);
    }
  });

  for (const f of fixtures) {
    describe(`${f.dialect}/${f.name}`, () => {
      const code = readFileSync(f.script, "utf8");

      it("names the documentation page it is modelled on", () => {
        expect(code.split("\n").slice(0, 12).join("\n"), f.script).toMatch(/https?:\/\/\S+/);
      });

      it("draws the golden graph", () => {
        expect(existsSync(f.golden), `${f.golden} (write it with npm run visualize -- --update-golden)`).toBe(true);
        const expected = JSON.parse(readFileSync(f.golden, "utf8")) as GoldenGraph;
        expectSameGraph(goldenOf(visualize(code)), expected, path.relative(GOLDEN_DIR, f.golden));
      });

      if (existsSync(f.datasetsGolden)) {
        it("draws the golden graph with datasets as nodes", () => {
          const expected = JSON.parse(readFileSync(f.datasetsGolden, "utf8")) as GoldenGraph;
          expectSameGraph(goldenOf(visualize(code, { datasets: true })), expected, path.relative(GOLDEN_DIR, f.datasetsGolden));
        });
      }
    });
  }
});
