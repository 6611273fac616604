import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { byLabel, expectEdge, expectNoEdge, graphOf } from "./helpers";

describe("Prefect", () => {
  it("draws each task call in a flow, connected by the values they pass", () => {
    const g = graphOf("prefect_flow.py");
    expect(g.dialect).toBe("prefect");
    const flow = g.nodes.find((n) => n.label === "repo_info" && n.kind === "group");
    expect(flow).toBeDefined();
    expect(flow?.definition?.startLine).toBe(41);
    expectEdge(g, "get_repo", "get_contributors", { kind: "data" }); // .submit() is a call
    expectEdge(g, "get_repo", "stars", { kind: "data" });
    expectEdge(g, "stars", "report", { kind: "data" }); // nested as an argument
    expectEdge(g, "get_contributors", "report", { kind: "data" }); // through .result()
    expectNoEdge(g, "get_repo", "report");
    const getRepo = g.nodes.find((n) => n.label === "get_repo");
    expect(getRepo?.parent).toBe(flow?.id);
    expect(getRepo?.source?.startLine).toBe(42);
    expect(getRepo?.definition?.startLine).toBe(6); // the def, not the @task(retries=2) line
  });

  it("draws wait_for as a flow edge", () => {
    const g = graphOf("prefect_flow.py");
    const notify = g.nodes.find((n) => n.label === "notify" && n.source?.startLine === 45);
    const cleanup = g.nodes.find((n) => n.label === "cleanup" && n.parent === "prefect:repo_info");
    expect(g.edges.find((e) => e.source === notify?.id && e.target === cleanup?.id)?.kind).toBe("flow");
  });

  it("marks .map() and calls inside a loop as many", () => {
    const g = graphOf("prefect_flow.py");
    expect(byLabel(g, "fetch_page").many).toBe(true);
    const looped = g.nodes.find((n) => n.label === "notify" && n.source?.startLine === 49);
    expect(looped?.many).toBe(true);
    expect(g.edges.some((e) => e.source === "prefect:repo_info:fetch_page" && e.target === looped?.id)).toBe(true);
  });

  it("gives every flow its own group; a subflow call is a step", () => {
    const g = graphOf("prefect_flow.py");
    const groups = g.nodes.filter((n) => n.kind === "group").map((n) => n.label);
    expect(groups).toEqual(["repo_info", "nightly"]);
    const sub = g.nodes.find((n) => n.label === "repo_info" && n.kind === "step");
    expect(sub?.parent).toBe("prefect:nightly");
  });

  it("ids are stable names: flow:task, repeated calls numbered", () => {
    const g = graphOf("prefect_flow.py");
    expect(g.nodes.filter((n) => n.label === "notify").map((n) => n.id)).toEqual([
      "prefect:repo_info:notify",
      "prefect:repo_info:notify#2",
    ]);
  });
});

describe("Dagster", () => {
  it("draws op calls inside @job and @graph bodies", () => {
    const g = graphOf("dagster_job.py");
    expect(g.dialect).toBe("dagster");
    expect(g.nodes.filter((n) => n.kind === "group").map((n) => n.label)).toEqual(["add_twice", "do_stuff", "dynamic_job"]);
    expectEdge(g, "return_five", "add_twice", { kind: "data" });
    const adds = g.nodes.filter((n) => n.label === "add_one");
    expect(adds).toHaveLength(2);
    expect(g.edges.some((e) => e.source === adds[0]?.id && e.target === adds[1]?.id)).toBe(true);
  });

  it("reads dynamic outputs: items.map(op) is one node marked many", () => {
    const g = graphOf("dagster_job.py");
    expect(byLabel(g, "process_file").many).toBe(true);
    expectEdge(g, "split_files", "process_file", { kind: "data" });
    expectEdge(g, "process_file", "summarize", { kind: "data" });
  });

  it("reads @asset parameters, ins={...: AssetIn()} and deps=[...]", () => {
    const g = graphOf("dagster_assets.py");
    expect(g.dialect).toBe("dagster");
    expectEdge(g, "raw_orders", "order_summary", { kind: "data" });
    expectEdge(g, "raw_customers", "order_summary", { kind: "data" });
    expectEdge(g, "order_summary", "dashboard", { kind: "data" });
    expectEdge(g, "dashboard", "audit_log", { kind: "flow" });
    expectEdge(g, "raw_orders", "audit_log", { kind: "flow" });
    const analytics = byLabel(g, "analytics");
    expect(analytics.kind).toBe("group");
    expect(byLabel(g, "dashboard").parent).toBe(analytics.id);
    expect(byLabel(g, "raw_orders").parent).toBeNull();
    expect(byLabel(g, "dashboard").definition?.startLine).toBe(20);
  });

  it("op aliases give the node its alias as label", () => {
    const g = visualize(`from dagster import job, op
@op
def emit():
    return 1
@op
def show(x):
    print(x)
@job
def aliased():
    show.alias("show_twice")(emit())
`);
    expectEdge(g, "emit", "show_twice");
  });
});
