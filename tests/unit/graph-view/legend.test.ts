import { describe, expect, it } from "vitest";
import { legendEntries } from "~/components/graph/legend";
import { collapseGroups } from "~/lib/graph-layout/collapse";
import { edge, graphOf, layoutOf, node } from "./helpers";

describe("legend entries", () => {
  it("lists only the node families and edge styles the drawing has", () => {
    // A LangGraph agent: START, a model node, a tool node, END; a conditional edge and the loop back.
    const g = graphOf(
      [
        node("start", { kind: "start" }),
        node("agent", { role: "node" }),
        node("tools", { role: "tools", detail: "ToolNode" }),
        node("end", { kind: "end" }),
      ],
      [edge("start", "agent"), edge("agent", "tools", { kind: "conditional", label: "continue" }), edge("tools", "agent"), edge("agent", "end", { kind: "conditional" })],
      "langgraph",
    );
    const layout = layoutOf(g, { start: [0, 0], agent: [0, 100], tools: [0, 200], end: [200, 200] }, { back: ["tools->agent"] });
    const entries = legendEntries(g, layout);
    expect(entries.families).toEqual(["start", "end", "node", "tools"]);
    expect(entries.edges).toEqual(["flow", "conditional", "back"]);
    expect(entries.mapped).toBe(false);
  });

  it("names Airflow operator families by class, and notes mapped tasks and inferred and data edges", () => {
    const g = graphOf(
      [
        node("extract", { role: "operator", detail: "BashOperator" }),
        node("wait", { role: "operator", detail: "S3KeySensor" }),
        node("transform", { role: "operator", detail: "PythonOperator", many: true }),
        node("pick", { role: "operator", detail: "BranchPythonOperator" }),
      ],
      [edge("extract", "transform", { kind: "data" }), edge("wait", "transform"), edge("transform", "pick", { inferred: true })],
      "airflow",
    );
    const entries = legendEntries(g, layoutOf(g, { extract: [0, 0], wait: [200, 0], transform: [0, 100], pick: [0, 200] }));
    expect(entries.families).toEqual(["python", "bash", "sensor", "branch"]);
    expect(entries.edges).toEqual(["flow", "data", "inferred"]);
    expect(entries.mapped).toBe(true);
  });

  it("follows the drawing: a collapsed group hides the families inside it", () => {
    const g = graphOf(
      [node("grp", { kind: "group" }), node("ds", { kind: "dataset", parent: "grp" }), node("n", { role: "node", parent: "grp" }), node("out")],
      [edge("n", "out")],
      "kedro",
    );
    const drawn = collapseGroups(g, new Set(["grp"]));
    const layout = layoutOf(drawn, { grp: [0, 0, 200, 48], out: [0, 100] });
    const entries = legendEntries(drawn, layout);
    expect(entries.families).toEqual(["node", "group"]);
    expect(entries.families).not.toContain("dataset");
  });
});
