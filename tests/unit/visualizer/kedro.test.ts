import { describe, expect, it } from "vitest";
import { byLabel, expectEdge, expectNoEdge, graphOf } from "./helpers";

describe("Kedro", () => {
  it("draws each node() of a pipeline, named by name= or the function", () => {
    const g = graphOf("kedro_pipeline.py");
    expect(g.dialect).toBe("kedro");
    expect(g.nodes.filter((n) => n.kind === "group").map((n) => n.label)).toEqual(["create_pipeline", "create_ds_pipeline"]);
    const n = byLabel(g, "preprocess_companies_node");
    expect(n.parent).toBe("kedro:create_pipeline");
    expect(n.definition?.startLine).toBe(4);
    expect(byLabel(g, "train_model").kind).toBe("step"); // no name=: the function's name
  });

  it("connects the node that outputs a dataset to each node that inputs it (str, list and dict)", () => {
    const g = graphOf("kedro_pipeline.py");
    expectEdge(g, "preprocess_companies_node", "create_model_input_table_node", { kind: "data", label: "preprocessed_companies" });
    expectEdge(g, "preprocess_shuttles_node", "create_model_input_table_node", { kind: "data" });
    expectEdge(g, "split_data_node", "train_model", { kind: "data" }); // dict inputs
    expectEdge(g, "train_model", "evaluate_model_node", { kind: "data", label: "regressor" });
    expectEdge(g, "split_data_node", "evaluate_model_node");
    expectNoEdge(g, "create_model_input_table_node", "split_data_node"); // different pipelines
    expect(g.nodes.some((x) => x.label.startsWith("params:"))).toBe(false);
  });
});
