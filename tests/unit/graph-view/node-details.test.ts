import { describe, expect, it } from "vitest";
import { nodeDetails } from "~/components/graph/node-details";
import { edge, graphOf, node, span } from "./helpers";

describe("node details", () => {
  const g = graphOf(
    [
      node("raw", { kind: "dataset", role: "dataset" }),
      node("clean", {
        role: "node",
        detail: "clean_listings",
        definition: span(7),
        source: span(30),
        inputs: ["raw_listings", "params:cleaning"],
        outputs: ["listings"],
        doc: "Drop listings without a price.",
      }),
      node("join", { role: "node", detail: "build_features", definition: span(12), source: span(31) }),
      node("other", { role: "node" }),
      node("train", { role: "node", many: true }),
      node("report", { role: "node" }),
    ],
    [edge("raw", "clean", { kind: "data" }), edge("clean", "join", { kind: "data" }), edge("other", "join"), edge("join", "train"), edge("train", "report")],
    "kedro",
  );

  it("says what the node is, what it runs, where it is defined, what it reads and writes, and its docstring", () => {
    const d = nodeDetails(g, "clean")!;
    expect(d.kindName).toBe("Kedro node");
    expect(d.detail).toBe("clean_listings");
    expect(d.detailTerm).toBe("Function");
    expect(d.definition).toEqual(span(7));
    expect(d.source).toEqual(span(30)); // the node(...) call, a different line from the def
    expect(d.inputs).toEqual(["raw_listings", "params:cleaning"]);
    expect(d.outputs).toEqual(["listings"]);
    expect(d.doc).toBe("Drop listings without a price.");
  });

  it("counts direct and all upstream and downstream nodes", () => {
    const d = nodeDetails(g, "join")!;
    expect(d.upstream).toEqual({ direct: 2, all: 3 }); // clean, other; and raw behind clean
    expect(d.downstream).toEqual({ direct: 1, all: 2 }); // train; and report behind it
    expect(nodeDetails(g, "train")!.many).toBe(true);
    expect(nodeDetails(g, "raw")!.upstream).toEqual({ direct: 0, all: 0 });
  });

  it("does not count START and END as upstream or downstream nodes", () => {
    const lg = graphOf(
      [node("s", { kind: "start" }), node("agent", { role: "node" }), node("tools", { role: "tools", detail: "ToolNode" }), node("e", { kind: "end" })],
      [edge("s", "agent"), edge("agent", "tools", { kind: "conditional" }), edge("tools", "agent"), edge("agent", "e")],
      "langgraph",
    );
    const agent = nodeDetails(lg, "agent")!;
    expect(agent.upstream).toEqual({ direct: 1, all: 1 }); // tools (the loop), not START
    expect(agent.downstream).toEqual({ direct: 1, all: 1 }); // tools, not END
    const tools = nodeDetails(lg, "tools")!;
    expect(tools.kindName).toBe("LangGraph tool node");
    expect(tools.detailTerm).toBe("Runs");
  });

  it("an Airflow operator shows its class; a group counts what is inside and what reaches into it", () => {
    const af = graphOf(
      [
        node("dag", { kind: "group", role: "dag" }),
        node("extract", { role: "operator", detail: "BashOperator", parent: "dag" }),
        node("grp", { kind: "group", role: "task_group", parent: "dag" }),
        node("a", { role: "operator", detail: "PythonOperator", parent: "grp" }),
        node("b", { role: "operator", detail: "PythonOperator", parent: "grp" }),
        node("load", { role: "operator", detail: "PostgresOperator", parent: "dag" }),
      ],
      [edge("extract", "a"), edge("a", "b"), edge("b", "load")],
      "airflow",
    );
    const extract = nodeDetails(af, "extract")!;
    expect(extract.kindName).toBe("Airflow operator");
    expect(extract.detailTerm).toBe("Operator");
    expect(extract.detail).toBe("BashOperator");
    const grp = nodeDetails(af, "grp")!;
    expect(grp.kindName).toBe("Airflow task group");
    expect(grp.inside).toBe(2);
    expect(grp.upstream).toEqual({ direct: 1, all: 1 });
    expect(grp.downstream).toEqual({ direct: 1, all: 1 });
    expect(nodeDetails(af, "missing")).toBeNull();
  });

  it("a node declared on its definition's line shows one place, not two", () => {
    const d = nodeDetails(graphOf([node("f", { definition: span(3), source: span(3) })], []), "f")!;
    expect(d.definition).toEqual(span(3));
    expect(d.source).toBeNull();
  });
});
