/**
 * Prefect and Dagster: what the golden corpus (tests/fixtures/visualizer/{prefect,dagster}) does not pin down —
 * where nodes point in the source, docstrings, and the bounds on subflows that call each other or nest deeply.
 */
import { describe, expect, it } from "vitest";
import { parsePython, visualize } from "~/lib/visualizer";
import { MAX_STEPS } from "~/lib/visualizer/dataflow";
import { byLabel, errors } from "./helpers";

const PREFECT = `from prefect import flow, task


@task(retries=2)
def extract(source: str) -> list:
    """Read the raw rows.

    More text that the details panel does not show."""
    return []


@task
def load(rows: list) -> int:
    return len(rows)


@flow
def clean(rows: list) -> list:
    return rows


@flow(name="etl")
def main_flow():
    rows = extract("s3://raw")
    cleaned = clean(rows)
    load(cleaned)
`;

describe("Prefect nodes point at the code", () => {
  const g = visualize(PREFECT);

  it("a task's source is its call and its definition the def line (not the decorator); the docstring's first line is kept", () => {
    const extract = byLabel(g, "extract");
    expect(extract.source?.startLine).toBe(24);
    expect(extract.definition?.startLine).toBe(5);
    expect(extract.doc).toBe("Read the raw rows.");
    expect(byLabel(g, "load").doc).toBeUndefined();
  });

  it("a subflow's group points at the call; the top-level flow at its declaration, decorator included", () => {
    const sub = byLabel(g, "clean");
    expect(sub.kind).toBe("group");
    expect(sub.source?.startLine).toBe(25);
    expect(sub.definition?.startLine).toBe(18);
    const top = byLabel(g, "etl");
    expect(top.source?.startLine).toBe(22);
    expect(top.detail).toBe("main_flow");
  });
});

describe("subflow bounds", () => {
  it("flows that call each other are drawn once each, the call back drawn as a flow node", () => {
    const g = visualize(`from prefect import flow, task
@task
def work(x):
    return x
@flow
def ping(n: int):
    work(n)
    pong(n)
@flow
def pong(n: int):
    work(n)
    ping(n)
`);
    expect(errors(g)).toEqual([]);
    const groups = g.nodes.filter((n) => n.kind === "group").map((n) => n.id);
    expect(groups).toEqual(["prefect:ping", "prefect:ping:pong"]);
    const back = g.nodes.find((n) => n.parent === "prefect:ping:pong" && n.label === "ping");
    expect(back).toMatchObject({ kind: "step", role: "flow" });
  });

  it("a flow that calls itself draws the call as a flow node inside it", () => {
    const g = visualize(`from prefect import flow
@flow
def crawl(url: str, depth: int = 0):
    if depth < 3:
        crawl(url, depth + 1)
`);
    expect(g.nodes.map((n) => [n.id, n.kind, n.role])).toEqual([
      ["prefect:crawl", "group", "flow"],
      ["prefect:crawl:crawl", "step", "flow"],
    ]);
  });

  it("subflows nested past eight levels are drawn as flow nodes, and each deeper flow as a group of its own", () => {
    const levels = 12;
    const defs = Array.from({ length: levels }, (_, i) =>
      i < levels - 1 ? `@flow\ndef level${i}():\n    level${i + 1}()\n` : `@flow\ndef level${i}():\n    step()\n`,
    );
    const g = visualize(`from prefect import flow, task\n@task\ndef step():\n    pass\n${defs.join("")}`);
    const nested = g.nodes.filter((n) => n.kind === "group" && n.id.startsWith("prefect:level0"));
    expect(nested).toHaveLength(8);
    const leaf = g.nodes.find((n) => n.label === "level8" && n.parent === nested[7]?.id);
    expect(leaf).toMatchObject({ kind: "step", role: "flow" });
    // Nothing is lost: the flows below the cut are drawn from level8 down, as their own top-level group.
    expect(g.nodes.find((n) => n.id === "prefect:level8")).toMatchObject({ kind: "group", parent: null });
    expect(g.nodes.filter((n) => n.label === "step")).toHaveLength(1);
  });

  it("a subflow tree that doubles at every level stops growing at a node budget", () => {
    const levels = 16;
    const defs = Array.from({ length: levels }, (_, i) =>
      i < levels - 1 ? `@flow\ndef f${i}():\n    f${i + 1}()\n    f${i + 1}()\n` : `@flow\ndef f${i}():\n    t()\n`,
    );
    const started = performance.now();
    const g = visualize(`from prefect import flow, task\n@task\ndef t():\n    pass\n${defs.join("")}`);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(g.nodes.length).toBeLessThanOrEqual(MAX_STEPS / 4 + 2 * levels);
    expect(g.nodes.length).toBeGreaterThan(100);
  });
});

describe("Dagster nodes point at the code", () => {
  const g = visualize(`import dagster as dg

raw = dg.AssetSpec("raw_events")


@dg.asset(deps=[raw])
def events():
    """Clean events."""
    return []


@dg.op
def emit():
    return 1


@dg.job
def job():
    emit()
`);

  it("an asset's source is its declaration and its definition the def line; an external spec points at its AssetSpec", () => {
    expect(byLabel(g, "events").source?.startLine).toBe(6);
    expect(byLabel(g, "events").definition?.startLine).toBe(7);
    expect(byLabel(g, "events").doc).toBe("Clean events.");
    expect(byLabel(g, "raw_events").source?.startLine).toBe(3);
    expect(byLabel(g, "raw_events").definition).toBeNull();
    expect(byLabel(g, "emit").source?.startLine).toBe(19);
  });
});

const LONG_DECORATOR = `def contacts() -> pd.DataFrame:
    return pd.DataFrame({"contact_id": [1, 1, 2], "value": [10, 20, 5]})
@dg.multi_asset(
    outs={
        "pipeline_health": dg.AssetOut(is_required=False),
    },
    internal_asset_deps={
        "contacts_by_country": {dg.AssetKey("contacts")},
        "deal_totals": {dg.AssetKey("deals"), dg.AssetKey("contacts")},
        "pipeline_health": {dg.AssetKey("deals")},
    },
    can_subset=True,
)
def crm_reports(context: dg.AssetExecutionContext, contacts: pd.DataFrame, deals: pd.DataFrame):
    print("sent")
`;

describe("decorators written as expressions (PEP 614), and long ones", () => {
  it("are recognised like dotted names", () => {
    const g = visualize(`import dagster as dg
@(dg.asset)
def raw():
    return 1
@(dg.asset)(group_name="marts")
def clean(raw):
    return raw
`);
    expect(byLabel(g, "clean").parent).toBe("dagster:group:marts");
    expect(g.edges.map((e) => e.id)).toEqual(["dagster:asset:raw->dagster:asset:clean"]);
  });

  it("a decorator with a long argument list is read whole", () => {
    // Over ~125 nodes of arguments the parser prunes one of its two readings of a decorator; this one once came out
    // as `Decorator(At, CallExpression(...))` and lost its outputs.
    const g = visualize(LONG_DECORATOR, { dialect: "dagster" });
    expect(byLabel(g, "pipeline_health")).toMatchObject({ role: "multi_asset", detail: "crm_reports" });
    const tree = parsePython(LONG_DECORATOR).toString();
    expect(tree).toContain("Decorator(At,VariableName,\".\",VariableName,ArgList(");
  });
});

describe("scripts that do not parse", () => {
  it("still draw the flow read so far, with the syntax error", () => {
    const g = visualize(`from prefect import flow, task
@task
def a():
    return 1
@task
def b(x):
    return x
@flow
def f():
    x = a()
    b(x)
    y = (
`);
    expect(errors(g).length).toBeGreaterThan(0);
    expect(g.edges.map((e) => `${e.source} -> ${e.target}`)).toContain("prefect:f:a -> prefect:f:b");
  });
});
