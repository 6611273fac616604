import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";

describe("dialect detection", () => {
  it.each([
    ["from langgraph.graph import StateGraph", "langgraph"],
    ["import airflow\nfrom airflow.operators.bash import BashOperator", "airflow"],
    ["from prefect import flow", "prefect"],
    ["import dagster as dg", "dagster"],
    ["from kedro.pipeline import node, pipeline", "kedro"],
    ["from kedro.pipeline import Node, Pipeline", "kedro"],
    ["from langgraph.func import entrypoint, task", "langgraph"],
    ["from langgraph_supervisor import create_supervisor", "langgraph"],
    ["from langchain.agents import create_agent", "langgraph"],
    ["from langchain.agents import AgentExecutor", "generic"],
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

  it("knows Kedro 1.x and LangGraph's functional API and prebuilt agents without their imports", () => {
    expect(visualize('p = Pipeline([Node(f, "a", "b")])\n').dialect).toBe("kedro");
    expect(visualize('p = Pipeline(nodes=[node(f, "a", "b")])\n').dialect).toBe("kedro");
    expect(visualize('n = Node(func=f, inputs="a", outputs="b")\n').dialect).toBe("kedro");
    expect(visualize("@entrypoint()\ndef flow(x):\n    return x\n").dialect).toBe("langgraph");
    expect(visualize("agent = create_react_agent(model, tools=[search])\n").dialect).toBe("langgraph");
    // A @task alone is not LangGraph's: Prefect and Airflow have one too.
    expect(visualize("@task\ndef f():\n    pass\n").dialect).toBe("generic");
  });

  it("can be forced", () => {
    expect(visualize("from prefect import flow\n", { dialect: "generic" }).dialect).toBe("generic");
  });
});
