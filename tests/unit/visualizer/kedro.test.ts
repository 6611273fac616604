/**
 * Kedro: what the golden corpus (tests/fixtures/visualizer/kedro) cannot say — where nodes point in the source,
 * that both views keep the same node ids, and that odd scripts end without throwing or hanging.
 */
import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { byLabel, expectEdge, fixture, graphOf } from "./helpers";

describe("Kedro", () => {
  it("points each node at its node() call and at the def of its function; each group at its function", () => {
    const g = graphOf("kedro_pipeline.py");
    const n = byLabel(g, "preprocess_companies_node");
    expect(n.source?.startLine).toBe(31);
    expect(n.source?.endLine).toBe(36);
    expect(n.definition?.startLine).toBe(4);
    const group = byLabel(g, "create_ds_pipeline");
    expect(group.kind).toBe("group");
    expect(group.definition?.startLine).toBe(48);
  });

  it("keeps the ids of nodes and groups when datasets are drawn as nodes", () => {
    const plain = graphOf("kedro_pipeline.py");
    const withDatasets = visualize(fixture("kedro_pipeline.py"), { datasets: true });
    const ids = (nodes: typeof plain.nodes) => nodes.filter((x) => x.kind !== "dataset").map((x) => x.id).sort();
    expect(ids(withDatasets.nodes)).toEqual(ids(plain.nodes));
    expect(withDatasets.nodes.filter((x) => x.kind === "dataset").length).toBeGreaterThan(5);
  });

  it("reads a dataset produced in one pipeline and read in another as an edge between them", () => {
    const g = graphOf("kedro_pipeline.py");
    expectEdge(g, "create_model_input_table_node", "split_data_node", { kind: "data", label: "model_input_table" });
  });

  it("resolves module.create_pipeline() to the pasted module of that name only", () => {
    const g = visualize(`from kedro.pipeline import node, pipeline
from proj.pipelines import data_processing as dp
from proj.pipelines import data_science as ds

# ---- src/proj/pipelines/data_science/pipeline.py ----
def create_pipeline(**kwargs):
    return pipeline([node(train, "table", "model", name="train")])

def register_pipelines():
    return {"dp": dp.create_pipeline(), "ds": ds.create_pipeline()}
`);
    expect(g.nodes.filter((n) => n.kind === "group").map((n) => n.label)).toEqual(["ds"]);
    expect(byLabel(g, "train").parent).toBe("kedro:ds");
  });

  it("ends on recursive, self-referencing and very long constructions", () => {
    const code = `from kedro.pipeline import node, pipeline

def create_pipeline(**kwargs):
    return create_pipeline() + pipeline([node(f, "a", "b", name="n")])

p = pipeline([node(g, "b", "c", name="m")])
p = p + p
for i in range(100000):
    p = p + pipeline([node(h, f"x{i}", "y", name=f"k{i}")])
NAMES = ["a"] * 3
`;
    const g = visualize(code); // a hang fails on the test's timeout
    expect(g.dialect).toBe("kedro");
    expect(g.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(g.nodes.some((n) => n.label === "n")).toBe(true);
    expect(g.nodes.some((n) => n.label === "m")).toBe(true);
  });

  it("draws nothing for names it cannot know, and never throws on half-written calls", () => {
    for (const code of [
      "from kedro.pipeline import node, pipeline\np = pipeline(",
      "from kedro.pipeline import node, pipeline\np = pipeline([node(",
      "from kedro.pipeline import Pipeline\np = Pipeline(make_nodes(), namespace=ns)",
      "from kedro.pipeline import pipeline\np = pipeline([n for n in unknown], namespace=f'{x}')",
    ]) {
      const g = visualize(code);
      expect(g.dialect).toBe("kedro");
      expect(g.nodes.filter((n) => n.kind === "step")).toEqual([]);
    }
  });
});
