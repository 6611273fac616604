import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { byLabel, edgeStrings, expectEdge, expectNoEdge, graphOf, stepLabels } from "./helpers";

describe("Airflow", () => {
  it("reads operators by task_id and >> / << chains with lists on either side", () => {
    const g = graphOf("airflow_operators.py");
    expect(g.dialect).toBe("airflow");
    expect(stepLabels(g)).toEqual(["start", "extract_a", "extract_b", "transform", "load", "notify", "audit"]);
    expect(edgeStrings(g).sort()).toEqual(
      [
        "start -> extract_a",
        "start -> extract_b",
        "extract_a -> transform",
        "extract_b -> transform",
        "transform -> load",
        "load -> notify",
        "audit -> notify",
      ].sort(),
    );
    const dag = byLabel(g, "etl_fan");
    expect(dag.kind).toBe("group");
    expect(byLabel(g, "load").parent).toBe(dag.id);
    expect(byLabel(g, "load").id).toBe("airflow:etl_fan:load");
  });

  it("reads set_upstream, set_downstream, chain and cross_downstream", () => {
    const g = graphOf("airflow_upstream.py");
    expectEdge(g, "t1", "t2");
    expectEdge(g, "t2", "t3");
    expectEdge(g, "t2", "t4");
    expectEdge(g, "t4", "t5");
    expectEdge(g, "t4", "t6");
    for (const a of ["x1", "x2"]) for (const b of ["y1", "y2"]) expectEdge(g, a, b);
    expectNoEdge(g, "t3", "t4");
  });

  it("reads << chains right to left", () => {
    const g = visualize(`from airflow import DAG
from airflow.operators.empty import EmptyOperator
with DAG("up"):
    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b")
    c = EmptyOperator(task_id="c")
    d = EmptyOperator(task_id="d")
    a << b << c
    d << [a, b]
`);
    expect(edgeStrings(g).sort()).toEqual(["a -> d", "b -> a", "b -> d", "c -> b"]);
  });

  it("chain() pairs lists of equal length element by element", () => {
    const g = visualize(`from airflow import DAG
from airflow.models.baseoperator import chain
from airflow.operators.empty import EmptyOperator
with DAG("c"):
    a, b, c, d = [EmptyOperator(task_id=i) for i in "abcd"]
    op1 = EmptyOperator(task_id="op1")
    op2 = EmptyOperator(task_id="op2")
    op3 = EmptyOperator(task_id="op3")
    op4 = EmptyOperator(task_id="op4")
    chain(op1, [op2, op3], [op4, op1])
`);
    expectEdge(g, "op1", "op2");
    expectEdge(g, "op1", "op3");
    expectEdge(g, "op2", "op4");
    expectNoEdge(g, "op2", "op1");
  });

  it("names edges with Label and makes a branch operator's edges conditional", () => {
    const g = graphOf("airflow_label_branch.py");
    expectEdge(g, "check", "branch", { kind: "flow", label: "data ready" });
    expectEdge(g, "branch", "full_load", { kind: "conditional", label: "first of month" });
    expectEdge(g, "branch", "incremental_load", { kind: "conditional", label: "other days" });
    expectEdge(g, "full_load", "report", { kind: "flow" });
    expect(onlyFlowOrConditional(g)).toBe(true);
    expect(byLabel(g, "branch").definition?.startLine).toBe(9);
  });

  it("makes @task.branch and ShortCircuitOperator edges conditional", () => {
    const g = graphOf("airflow_task_branch.py");
    expectEdge(g, "pick", "even", { kind: "conditional" });
    expectEdge(g, "pick", "odd", { kind: "conditional" });
    expectEdge(g, "gate", "after", { kind: "conditional" });
    expectEdge(g, "even", "gate", { kind: "flow" });
  });

  it("reads TaskFlow: @dag function, @task calls, data edges, task_id override, repeated calls", () => {
    const g = graphOf("airflow_taskflow.py");
    const dag = byLabel(g, "tutorial_taskflow_api");
    expect(dag.kind).toBe("group");
    expect(dag.definition?.startLine).toBe(9);
    expectEdge(g, "extract", "transform", { kind: "data" });
    expectEdge(g, "transform", "load_total", { kind: "data" });
    expect(byLabel(g, "extract").definition?.startLine).toBe(11);
    expect(byLabel(g, "extract").parent).toBe(dag.id);
    expectEdge(g, "ping", "ping__1", { kind: "flow" });
    expect(g.nodes.filter((n) => n.label === "load")).toHaveLength(0);
  });

  it("unrolls a loop over a literal list into one node per element; other loops give one many node", () => {
    const g = graphOf("airflow_loop.py");
    for (const r of ["eu", "us", "apac"]) {
      expectEdge(g, "start", `export_${r}`);
      expectEdge(g, `export_${r}`, "end");
      expect(byLabel(g, `export_${r}`).many).toBeUndefined();
    }
    // A module constant holding a literal list counts as literal.
    expectEdge(g, "start", "load_orders");
    expectEdge(g, "load_customers", "end");
    // range(): one node standing for many, label keeps the f-string field.
    expect(byLabel(g, "shard_{i}").many).toBe(true);
    // A task_id that does not change over the elements: one node, many.
    expect(byLabel(g, "same_everywhere").many).toBe(true);
  });

  it("draws TaskGroup and @task_group as groups holding their tasks", () => {
    const g = graphOf("airflow_groups.py");
    const checks = byLabel(g, "checks");
    expect(checks.kind).toBe("group");
    expect(byLabel(g, "check_a").parent).toBe(checks.id);
    expect(byLabel(g, "check_a").id).toBe("airflow:grouped:checks.check_a");
    expectEdge(g, "check_a", "check_b");
    expectEdge(g, "start", "checks");
    expectEdge(g, "checks", "extract");
    const processing = byLabel(g, "processing");
    expect(processing.kind).toBe("group");
    expect(byLabel(g, "clean").parent).toBe(processing.id);
    expect(byLabel(g, "score").parent).toBe(processing.id);
    expectEdge(g, "extract", "clean", { kind: "data" });
    expectEdge(g, "clean", "score", { kind: "data" });
    expectEdge(g, "processing", "end");
  });

  it("marks .expand() and .partial().expand() tasks as many", () => {
    const g = graphOf("airflow_dynamic.py");
    expect(byLabel(g, "add").many).toBe(true);
    expect(byLabel(g, "process_file").many).toBe(true);
    expect(byLabel(g, "list_files").many).toBeUndefined();
    expectEdge(g, "add", "total", { kind: "data" });
    expectEdge(g, "list_files", "process_file", { kind: "data" });
  });

  it("keeps two DAGs apart, including tasks attached with dag=", () => {
    const g = graphOf("airflow_two_dags.py");
    const daily = byLabel(g, "daily_report");
    const weekly = byLabel(g, "weekly_cleanup");
    expect(byLabel(g, "collect").parent).toBe(daily.id);
    expect(byLabel(g, "report").parent).toBe(daily.id);
    expect(byLabel(g, "scan").parent).toBe(weekly.id);
    expectEdge(g, "collect", "report");
    expectEdge(g, "scan", "delete");
    expect(byLabel(g, "report").definition?.startLine).toBe(8);
  });
});

/** Operators pass no data: every edge of such a DAG is flow or conditional. */
function onlyFlowOrConditional(g: ReturnType<typeof graphOf>): boolean {
  return g.edges.every((e) => e.kind === "flow" || e.kind === "conditional");
}
