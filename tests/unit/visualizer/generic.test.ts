/**
 * Plain Python: what the golden corpus (tests/fixtures/visualizer/generic) does not pin down — where steps point in
 * the source, docstrings, which imported names are steps, and the bounds that keep any script drawable.
 */
import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { MAX_EDGES, MAX_STEPS } from "~/lib/visualizer/dataflow";
import { byLabel, stepLabels } from "./helpers";

describe("steps point at the code", () => {
  const g = visualize(`import json


def load(path):
    """Load the input.

    Details."""
    return json.load(open(path))


def save(data):
    print(data)


if __name__ == "__main__":
    save(load("in.json"))
`);

  it("a step's source is its call, its definition the def, its doc the docstring's first line", () => {
    const load = byLabel(g, "load");
    expect(load.source?.startLine).toBe(16);
    expect(load.definition?.startLine).toBe(4);
    expect(load.doc).toBe("Load the input.");
    expect(load.role).toBe("function");
    expect(byLabel(g, "save").doc).toBeUndefined();
  });
});

describe("which imported names are steps", () => {
  const draw = (code: string) => stepLabels(visualize(code)).sort();

  it("names from project modules are steps; the standard library, known libraries and classes are not", () => {
    expect(
      draw(`import os
import requests
from tqdm import tqdm
from pipeline.io import read_all, Writer
from pipeline import steps
from .local import tidy
rows = read_all(os.environ["SRC"])
for r in tqdm(rows):
    steps.score(r)
w = Writer("out")
w.write(tidy(rows))
requests.post("https://hooks.example.com", json={"n": len(rows)})
`),
    ).toEqual(["read_all", "steps.score", "tidy"]);
  });

  it("a name rebound in the script is no longer the import", () => {
    expect(
      draw(`from tasks import clean, load
def clean(x):
    return x
load = lambda x: x
clean(load(1))
`),
    ).toEqual(["clean"]);
  });
});

describe("bounds", () => {
  it("a script with more calls than the graph may hold is cut, with one warning", () => {
    const calls = Array.from({ length: MAX_STEPS + 500 }, (_, i) => `x${i} = step(x${i - 1 < 0 ? 0 : i - 1})`);
    const g = visualize(`def step(x):\n    return x\n${calls.join("\n")}\n`);
    expect(g.nodes.length).toBe(MAX_STEPS);
    const warnings = g.diagnostics.filter((d) => d.severity === "warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/too large to draw whole/);
    expect(g.edges.every((e) => g.nodes.some((n) => n.id === e.source) && g.nodes.some((n) => n.id === e.target))).toBe(true);
  });

  it("values that accumulate producers in branches cannot connect every step to every other", () => {
    const branches = Array.from({ length: 400 }, (_, i) => `if flag${i}:\n    x = step(x)`);
    const g = visualize(`def step(x):\n    return x\nx = 0\n${branches.join("\n")}\n`);
    expect(g.edges.length).toBeLessThanOrEqual(MAX_EDGES);
    expect(g.diagnostics.some((d) => /too large to draw whole/.test(d.message))).toBe(true);
  });

  it("a loop over a very long list of steps is not unrolled", () => {
    const names = Array.from({ length: 100 }, (_, i) => `s${i}`);
    const defs = names.map((n) => `def ${n}(x):\n    return x\n`).join("");
    const g = visualize(`${defs}data = 0\nfor step in [${names.join(", ")}]:\n    data = step(data)\n`);
    expect(g.nodes.filter((n) => n.kind === "step")).toHaveLength(0);
  });
});
