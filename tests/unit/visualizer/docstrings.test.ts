/** GraphNode.doc: the first line of the docstring of the function behind a node, for every dialect. */
import { describe, expect, it } from "vitest";
import { visualize } from "~/lib/visualizer";
import { byLabel } from "./helpers";

const FUNCTION = (name: string, doc: string) => `def ${name}(*args, **kwargs):\n    ${doc}\n    return None\n`;

describe("docstrings", () => {
  it.each([
    [
      "langgraph",
      `from langgraph.graph import StateGraph, START\n${FUNCTION("plan", '"""\n    Plan the research.\n\n    Long text.\n    """')}g = StateGraph(dict)\ng.add_node("plan", plan)\ng.add_edge(START, "plan")\n`,
      "plan",
    ],
    [
      "kedro",
      `from kedro.pipeline import node, pipeline\n${FUNCTION("clean", "'''Plan the research.'''")}p = pipeline([node(clean, "a", "b", name="clean_node")])\n`,
      "clean_node",
    ],
    ["prefect", `from prefect import flow, task\n@task\n${FUNCTION("plan", '"Plan the research."')}@flow\ndef main():\n    plan()\n`, "plan"],
    ["dagster", `from dagster import job, op\n@op\n${FUNCTION("plan", 'r"""Plan the research."""')}@job\ndef main():\n    plan()\n`, "plan"],
    ["generic", `${FUNCTION("plan", '"""Plan the research."""')}${FUNCTION("act", "pass")}def main():\n    plan()\n    act()\nmain()\n`, "plan"],
  ])("%s: the node's doc is the first line of its function's docstring", (dialect, code, label) => {
    const g = visualize(code);
    expect(g.dialect).toBe(dialect);
    expect(byLabel(g, label).doc).toBe("Plan the research.");
  });

  it("leaves doc unset for functions without a docstring, and for nodes without a function of the script", () => {
    const g = visualize(`from langgraph.graph import StateGraph, START
from tools import imported_step
def plain(state):
    # a comment is not a docstring
    "x = " + "y"
    return state
g = StateGraph(dict)
g.add_node("plain", plain)
g.add_node("imported", imported_step)
g.add_edge(START, "plain")
`);
    expect(byLabel(g, "plain").doc).toBeUndefined();
    expect(byLabel(g, "imported").doc).toBeUndefined();
  });
});
