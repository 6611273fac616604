import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";

describe("dialect detection", () => {
  it.each([
    ["from langgraph.graph import StateGraph", "langgraph"],
    ["import airflow\nfrom airflow.operators.bash import BashOperator", "airflow"],
    ["from prefect import flow", "prefect"],
    ["import dagster as dg", "dagster"],
    ["from kedro.pipeline import node, pipeline", "kedro"],
    ["import json\nimport requests", "generic"],
    ["", "generic"],
  ] as const)("%j → %s", (code, dialect) => {
    expect(visualize(code).dialect).toBe(dialect);
  });

  it("takes the first match in the order langgraph, airflow, prefect, dagster, kedro", () => {
    expect(visualize("from prefect import flow\nfrom airflow import DAG\n").dialect).toBe("airflow");
    expect(visualize("import kedro\nimport dagster\n").dialect).toBe("dagster");
    expect(visualize("from airflow import DAG\nfrom langgraph.graph import StateGraph\n").dialect).toBe("langgraph");
  });

  it("falls back to characteristic calls and decorators when nothing is imported", () => {
    expect(visualize("g = StateGraph(dict)\n").dialect).toBe("langgraph");
    expect(visualize('with DAG("x"):\n    pass\n').dialect).toBe("airflow");
    expect(visualize("@flow\ndef f():\n    pass\n").dialect).toBe("prefect");
    expect(visualize("@op\ndef f():\n    pass\n").dialect).toBe("dagster");
    expect(visualize('p = pipeline([node(f, "a", "b")])\n').dialect).toBe("kedro");
  });

  it("can be forced", () => {
    expect(visualize("from prefect import flow\n", { dialect: "generic" }).dialect).toBe("generic");
  });
});
