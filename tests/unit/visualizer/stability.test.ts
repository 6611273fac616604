import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { fixture } from "./helpers";

function ids(code: string): Map<string, string> {
  return new Map(visualize(code).nodes.map((n) => [n.label, n.id]));
}

describe("stable node ids", () => {
  it.each([
    ["airflow_operators.py", '    extract_a = BashOperator(task_id="extract_a", bash_command="echo a")', '    extract_a = BashOperator(task_id="extract_a", bash_command="echo aaaa", retries=3)'],
    ["langgraph_basic.py", 'builder.add_node("improve", improve_joke)', '# a comment\nbuilder.add_node("improve", improve_joke)  # edited'],
    ["prefect_flow.py", "    repo = get_repo(repo_name)", "    repo = get_repo(repo_name.strip())"],
    ["generic_main.py", "    lookup = build_lookup()", "    lookup = build_lookup()\n    print('extra line')"],
    ["kedro_pipeline.py", '                inputs="companies",', '                inputs="companies_v2",'],
  ])("editing one node's line in %s keeps every other id", (file, before, after) => {
    const code = fixture(file);
    expect(code).toContain(before);
    const a = ids(code);
    const b = ids(code.replace(before, after));
    expect(b.size).toBe(a.size);
    for (const [label, id] of a) expect(b.get(label), label).toBe(id);
  });

  it("ids come from names, not positions: inserting lines above changes nothing", () => {
    const code = fixture("langgraph_multi.py");
    const a = visualize(code);
    const b = visualize(`# header\n\n\n${code}`);
    expect(b.nodes.map((n) => n.id)).toEqual(a.nodes.map((n) => n.id));
    expect(b.edges.map((e) => e.id)).toEqual(a.edges.map((e) => e.id));
    expect(b.nodes[1]?.source?.startLine).toBe((a.nodes[1]?.source?.startLine ?? 0) + 3);
  });

  it("edge ids derive from their endpoints and label", () => {
    const g = visualize(fixture("airflow_label_branch.py"));
    expect(g.edges.map((e) => e.id)).toContain("airflow:loader:branch->airflow:loader:full_load[first of month]");
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  });
});
