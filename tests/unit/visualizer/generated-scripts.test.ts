/**
 * Valid scripts of 10,000 lines (python-generator.ts: deep nesting, long class bodies, hundreds of top-level
 * statements between blank and comment lines, every kind of string, pattern and `with` item) get no syntax
 * diagnostic. CPython confirms each script is valid where python3 exists.
 */
import { describe, expect, it } from "vitest";
import { parsePython, visualizeTree } from "~/lib/visualizer";
import { cpythonVerdicts, pythonVersion } from "./cpython-oracle";
import { generatePython } from "./python-generator";

const SEEDS = [11, 23, 37, 51];
const LINES = 10_000;

describe("generated valid scripts of 10,000 lines", () => {
  it(
    `get no syntax diagnostic (seeds ${SEEDS.join(", ")})`,
    async () => {
      const scripts = SEEDS.map((seed) => generatePython(seed, LINES));
      const hasPython = pythonVersion() !== null;
      if (!hasPython) process.stdout.write("generated-scripts.test: python3 not found — the scripts are not checked against CPython\n");
      const oracle = hasPython ? cpythonVerdicts(scripts.map((s) => s.code)) : null;

      const problems: string[] = [];
      for (const script of scripts) {
        expect(script.lines).toBeGreaterThanOrEqual(LINES);
        const graph = visualizeTree(parsePython(script.code), script.code);
        const lines = script.code.split("\n");
        for (const d of graph.diagnostics.filter((x) => x.severity === "error")) {
          problems.push(`seed ${script.seed}, line ${d.line}: ${d.message} | ${lines[d.line - 1]?.trim().slice(0, 120)}`);
        }
      }
      if (oracle) {
        const verdicts = await oracle;
        // The generator must write valid Python, or the check below proves nothing.
        expect(verdicts.map((v, i) => (v ? `seed ${SEEDS[i]}: CPython: line ${v.line}: ${v.message}` : null)).filter(Boolean)).toEqual([]);
      }
      process.stdout.write(
        `generated scripts: ${scripts.length} of ${scripts.map((s) => s.lines).join(", ")} lines${hasPython ? ", all parsed by CPython" : ""}; ${problems.length} syntax diagnostics\n`,
      );
      expect(problems).toEqual([]);
    },
    120_000,
  );
});
