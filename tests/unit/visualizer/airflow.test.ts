/**
 * Airflow: what the golden corpus (tests/fixtures/visualizer/airflow) cannot say — where nodes are defined, the
 * warnings a broken DAG gets, the bounds on unrolling, helper evaluation and dependencies, and the fallbacks when a
 * loop or a test is not known. The graphs of real DAG patterns are the golden files.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { MAX_EDGES, MAX_UNROLL, MAX_UNROLL_TOTAL, UNROLL_BYTES } from "~/lib/visualizer/dialects/airflow/state";
import { byLabel, edgeStrings, expectEdge, expectNoEdge, graphOf, repoRoot } from "./helpers";

const HEAD = `from airflow import DAG
from airflow.models.baseoperator import chain, cross_downstream
from airflow.operators.empty import EmptyOperator
`;

/** A script with `body` inside `with DAG("d"):`. */
function dagScript(body: string, head = ""): string {
  const indented = body
    .trim()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
  return `${HEAD}${head}\nwith DAG("d"):\n${indented}\n`;
}

function dag(body: string, head = ""): ReturnType<typeof visualize> {
  return visualize(dagScript(body, head));
}

function warnings(g: ReturnType<typeof visualize>): string[] {
  return g.diagnostics.filter((d) => d.severity === "warning").map((d) => `${d.line}: ${d.message}`);
}

describe("Airflow: where nodes come from", () => {
  it("points a task at the call that creates it and at the function it runs", () => {
    const g = graphOf("airflow_label_branch.py");
    const branch = byLabel(g, "branch");
    expect(branch.source?.startLine).toBe(15);
    expect(branch.definition?.startLine).toBe(9);
    expect(byLabel(g, "loader").source?.startLine).toBe(13);
  });

  it("points a TaskFlow task and its @dag at their definitions, and a task built by a factory at the call inside it", () => {
    const g = visualize(`from airflow.decorators import dag, task
from airflow.operators.bash import BashOperator


def make(name):
    return BashOperator(task_id=name, bash_command="true")


@dag(schedule=None)
def pipeline():
    @task
    def extract():
        return 1

    extract() >> make("after")


pipeline()
`);
    expect(byLabel(g, "pipeline").definition?.startLine).toBe(10);
    expect(byLabel(g, "extract").definition?.startLine).toBe(12);
    expect(byLabel(g, "extract").source?.startLine).toBe(15);
    expect(byLabel(g, "after").source?.startLine).toBe(6);
    expectEdge(g, "extract", "after");
  });

  it("gives tasks, groups and DAGs the first line of their function's docstring", () => {
    const g = visualize(readFileSync(path.join(repoRoot, "tests/fixtures/visualizer/airflow/taskflow_etl.py"), "utf8"));
    expect(byLabel(g, "tutorial_taskflow_api").doc).toBe("A simple extract, transform, load pipeline.");
    expect(byLabel(g, "extract").doc).toBe("Reads the orders (a hard-coded JSON string here).");
    expect(byLabel(g, "transform").doc).toBeUndefined();
    const classic = visualize(readFileSync(path.join(repoRoot, "tests/fixtures/visualizer/airflow/classic_dag_objects.py"), "utf8"));
    expect(byLabel(classic, "report").doc).toBe("Collects yesterday's numbers into a report.");
  });

  it("keeps every task of a DAG written the old way (dag=) in that DAG", () => {
    const g = graphOf("airflow_operators.py");
    expect(byLabel(g, "load").id).toBe("airflow:etl_fan:load");
    expect(byLabel(g, "load").parent).toBe(byLabel(g, "etl_fan").id);
  });
});

describe("Airflow: broken DAGs get the error Airflow would raise, as a warning", () => {
  it("warns about a task_id used twice and keeps both tasks", () => {
    const g = dag(`
a = EmptyOperator(task_id="same")
b = EmptyOperator(task_id="same")
a >> b`);
    expect(g.nodes.filter((n) => n.label === "same")).toHaveLength(2);
    expect(warnings(g)).toEqual([expect.stringMatching(/^7: Duplicate task_id "same"/)]);
    expect(g.edges).toHaveLength(1);
  });

  it("draws a task_id that does not change over an unrolled loop once, marked many, with a warning", () => {
    const g = dag(`
start = EmptyOperator(task_id="start")
for name in ["a", "b", "c"]:
    start >> EmptyOperator(task_id="same_everywhere")`);
    expect(byLabel(g, "same_everywhere").many).toBe(true);
    expect(warnings(g)).toEqual([expect.stringMatching(/Duplicate task_id "same_everywhere": each pass of the loop/)]);
  });

  it("refuses >> between two lists, as Python does, and says what to use instead", () => {
    const g = dag(`
a, b, c, d = [EmptyOperator(task_id=x) for x in "abcd"]
[a, b] >> [c, d]
a >> [b, c] >> [d]`);
    expect(g.edges.map((e) => e.target).sort()).toEqual(["airflow:d:b", "airflow:d:c"]);
    expect(warnings(g)).toHaveLength(2);
    expect(warnings(g)[0]).toMatch(/cannot set dependencies between two lists.*cross_downstream/);
  });

  it("draws nothing for chain() of lists of different lengths, with a warning", () => {
    const g = dag(`
a, b, c = [EmptyOperator(task_id=x) for x in "abc"]
chain([a, b], [c])`);
    expect(g.edges).toEqual([]);
    expect(warnings(g)).toEqual([expect.stringMatching(/chain\(\) of lists of different lengths \(2 and 1\)/)]);
  });
});

describe("Airflow: loops", () => {
  it("draws a loop over something only known at run time once, marked many, labelled with the task_id's template", () => {
    const g = dag(
      `
start = EmptyOperator(task_id="start")
for table in list_tables():
    start >> EmptyOperator(task_id="load_" + table)
for i, part in enumerate(get_parts()):
    start >> EmptyOperator(task_id=f"part_{i}_{part:>3}")
for n in range(count):
    start >> EmptyOperator(task_id="n_%d" % n)`,
      "from tables import list_tables, get_parts, count\n",
    );
    for (const label of ["load_{table}", "part_{i}_{part:>3}", "n_{n}"]) {
      expect(byLabel(g, label).many).toBe(true);
      expectEdge(g, "start", label);
    }
  });

  it(`unrolls at most ${MAX_UNROLL} iterations of one loop; a longer one is one task marked many, with a note`, () => {
    const g = dag(`
start = EmptyOperator(task_id="start")
for i in range(${MAX_UNROLL}):
    start >> EmptyOperator(task_id=f"small_{i}")
for i in range(${MAX_UNROLL + 1}):
    start >> EmptyOperator(task_id=f"big_{i}")`);
    expect(g.nodes.filter((n) => n.label.startsWith("small_"))).toHaveLength(MAX_UNROLL);
    expect(byLabel(g, "big_{i}").many).toBe(true);
    const note = g.diagnostics.find((d) => d.severity === "info");
    expect(note?.message).toMatch(new RegExp(`runs ${MAX_UNROLL + 1} times.*unrolls up to ${MAX_UNROLL}`));
    expect(note?.line).toBe(9);
  });

  it(`unrolls at most ${MAX_UNROLL_TOTAL} iterations (plus one per ${UNROLL_BYTES} bytes of script) in all: nested loops multiply`, () => {
    const code = dagScript(`
for i in range(100):
    for j in range(100):
        EmptyOperator(task_id=f"t_{i}_{j}")`);
    const g = visualize(code);
    const unrolled = g.nodes.filter((n) => n.kind === "step" && !n.many);
    // The outer loop takes 100 from the budget, then each inner loop 100 while the budget lasts.
    const budget = MAX_UNROLL_TOTAL + Math.floor(code.length / UNROLL_BYTES);
    expect(unrolled).toHaveLength(Math.floor((budget - MAX_UNROLL) / MAX_UNROLL) * MAX_UNROLL);
    expect(unrolled.length).toBeLessThan(100 * 100);
    expect(g.nodes.filter((n) => n.many).map((n) => n.label)).toEqual(expect.arrayContaining([expect.stringMatching(/^t_\d+_\{j\}$/)]));
  });

  it("runs both branches of an if whose test is not known, and only the right one when it is", () => {
    const g = dag(
      `
start = EmptyOperator(task_id="start")
if FULL:
    start >> EmptyOperator(task_id="full")
else:
    start >> EmptyOperator(task_id="incremental")
if MODE == "b":
    start >> EmptyOperator(task_id="mode_b")
elif MODE == "c":
    start >> EmptyOperator(task_id="mode_c")
else:
    start >> EmptyOperator(task_id="mode_other")`,
      `from settings import FULL\nMODE = "c"\n`,
    );
    expect(edgeStrings(g).sort()).toEqual(["start -> full", "start -> incremental", "start -> mode_c"]);
  });

  it("does not let a comprehension's variable leak into the code after it", () => {
    const g = dag(`
name = "outer"
tasks = [EmptyOperator(task_id=f"t_{name}") for name in ["x", "y"]]
EmptyOperator(task_id=name)`);
    expect(g.nodes.map((n) => n.label).sort()).toEqual(["d", "outer", "t_x", "t_y"]);
  });
});

describe("Airflow: helper functions", () => {
  it("evaluates a recursive helper once, never looping", () => {
    const g = visualize(`${HEAD}
def build(n):
    t = EmptyOperator(task_id=f"step_{n}")
    build(n + 1)
    return t

with DAG("d"):
    build(0)
`);
    expect(g.nodes.map((n) => n.label).sort()).toEqual(["d", "step_0"]);
  });

  it("stops evaluating helpers past a depth of nested calls", () => {
    const defs = Array.from({ length: 12 }, (_, i) => `def f${i}():\n    EmptyOperator(task_id="t${i}")\n    ${i < 11 ? `f${i + 1}()` : "pass"}\n`).join("\n");
    const g = visualize(`${HEAD}\n${defs}\nwith DAG("d"):\n    f0()\n`);
    const made = g.nodes.filter((n) => n.kind === "step").map((n) => n.label);
    expect(made.length).toBeGreaterThan(3);
    expect(made.length).toBeLessThan(12);
  });

  it("binds keyword, default and *args parameters", () => {
    const g = visualize(`${HEAD}
def make(prefix, *names, suffix="v1", dag=None):
    return [EmptyOperator(task_id=f"{prefix}_{n}_{suffix}", dag=dag) for n in names]

other = DAG("other")
with DAG("d"):
    first = make("load", "a", "b")
    second = make("check", "c", suffix="v2", dag=other)
    chain(*first)
`);
    expect(g.nodes.filter((n) => n.kind === "step").map((n) => n.id).sort()).toEqual([
      "airflow:d:load_a_v1",
      "airflow:d:load_b_v1",
      "airflow:other:check_c_v2",
    ]);
    expectEdge(g, "load_a_v1", "load_b_v1");
  });
});

describe("Airflow: TaskGroup edges follow the group as it is when the line runs", () => {
  it("uses the roots and leaves the group has at that point", () => {
    const g = dag(
      `
start = EmptyOperator(task_id="start")
with TaskGroup("g") as g:
    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b")
start >> g
a >> b
g >> EmptyOperator(task_id="end")`,
      "from airflow.utils.task_group import TaskGroup\n",
    );
    // When `start >> g` runs, a and b are both roots; when `g >> end` runs, only b is a leaf.
    expectEdge(g, "start", "a");
    expectEdge(g, "start", "b");
    expectEdge(g, "b", "end");
    expectNoEdge(g, "a", "end");
  });

  it("draws no edge for an empty group", () => {
    const g = dag(
      `
start = EmptyOperator(task_id="start")
empty = TaskGroup("empty")
start >> empty >> EmptyOperator(task_id="end")`,
      "from airflow.utils.task_group import TaskGroup\n",
    );
    expect(g.edges).toEqual([]);
    expect(byLabel(g, "empty").kind).toBe("group");
  });
});

describe("Airflow: bounds", () => {
  it(`draws at most ${MAX_EDGES} dependencies and says so`, () => {
    const g = dag(`
a = [EmptyOperator(task_id=f"a_{i}") for i in range(100)]
b = [EmptyOperator(task_id=f"b_{i}") for i in range(100)]
c = [EmptyOperator(task_id=f"c_{i}") for i in range(100)]
cross_downstream(a, b)
cross_downstream(b, c)
cross_downstream(a, c)`);
    expect(g.edges).toHaveLength(MAX_EDGES);
    expect(warnings(g)).toEqual([expect.stringMatching(/More dependencies than the visualizer draws/)]);
  });

  it("reads six [40 tasks] x [40 tasks] joins of a dense DAG in one pass (cross_downstream: 9,600 edges)", () => {
    const lists = Array.from({ length: 7 }, (_, k) => `l${k} = [EmptyOperator(task_id=f"t${k}_{i}") for i in range(40)]`).join("\n");
    const joins = Array.from({ length: 6 }, (_, k) => `cross_downstream(l${k}, l${k + 1})`).join("\n");
    const g = dag(`${lists}\n${joins}`);
    expect(g.nodes.filter((n) => n.kind === "step")).toHaveLength(280);
    expect(g.edges).toHaveLength(6 * 40 * 40);
  });

  it("bounds a string that doubles in a loop", () => {
    const g = dag(`
name = "x"
for i in range(60):
    name = name + name
EmptyOperator(task_id=name)
other = f"{unknown}"
for i in range(60):
    other = other + other
EmptyOperator(task_id=other)`);
    expect(g.nodes.filter((n) => n.kind === "step").map((n) => n.label)).toEqual(["EmptyOperator", "EmptyOperator"]);
    expect(warnings(g)).toHaveLength(1);
  });
});
