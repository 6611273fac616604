import { describe, expect, it } from "vitest";
import { EXAMPLES, findExample } from "~/lib/examples";
import { visualize } from "~/lib/visualizer";

const EXPECTED = [
  ["langgraph-agent", "LangGraph research agent", "langgraph"],
  ["airflow-backup", "Airflow nightly backup", "airflow"],
  ["prefect-report", "Prefect daily revenue report", "prefect"],
  ["dagster-logs", "Dagster log statistics", "dagster"],
  ["python-crawler", "Plain Python crawler", "generic"],
  ["kedro-training", "Kedro model training", "kedro"],
] as const;

describe("built-in examples", () => {
  it("are the six the home page and the browser tests name, with unique slugs", () => {
    expect(EXAMPLES.map((e) => [e.slug, e.title, e.dialect])).toEqual(EXPECTED);
    expect(new Set(EXAMPLES.map((e) => e.slug)).size).toBe(EXAMPLES.length);
  });

  it.each(EXAMPLES.map((e) => [e.slug, e] as const))("%s is read as its dialect and draws a meaningful graph", (_slug, example) => {
    const graph = visualize(example.code);
    expect(graph.dialect).toBe(example.dialect);
    const steps = graph.nodes.filter((n) => n.kind !== "group");
    expect(steps.length).toBeGreaterThanOrEqual(4);
    expect(graph.edges.length).toBeGreaterThanOrEqual(3);
    expect(graph.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it.each(EXAMPLES.map((e) => [e.slug, e] as const))("%s is readable: 30 to 80 lines, described, no tabs", (_slug, example) => {
    const lines = example.code.trimEnd().split("\n").length;
    expect(lines).toBeGreaterThanOrEqual(30);
    expect(lines).toBeLessThanOrEqual(80);
    expect(example.code).not.toContain("\t");
    expect(example.description.length).toBeGreaterThan(20);
    expect(example.framework.length).toBeGreaterThan(0);
  });

  it("are found by slug, and nothing else is", () => {
    expect(findExample("airflow-backup")?.title).toBe("Airflow nightly backup");
    expect(findExample("nope")).toBeUndefined();
    expect(findExample(null)).toBeUndefined();
  });
});
