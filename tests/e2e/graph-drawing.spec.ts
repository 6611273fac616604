/**
 * The drawings a reader must be able to trust (issue 11): screenshots of the tricky ones under test-results/graph/,
 * and measurements of the SVG paths React Flow actually drew — no edge passes through another node's box, the two
 * directions of a loop are two distinct paths, back edges are dashed, labels sit clear of nodes and of each other.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  bigAirflowDag,
  edgeBetween,
  edgesThroughNodes,
  graphView,
  KEDRO_NODES,
  KEDRO_SUM,
  labelFaults,
  leafNodes,
  nodeLabelled,
  openWith,
  PREBUILT_REACT_AGENT,
  REACT_AGENT,
  readDrawing,
  ROUTER_LOOP,
  settled,
  sharedLength,
} from "./graph-helpers";

const SHOTS = "test-results/graph";

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await graphView(page).screenshot({ path: `${SHOTS}/${name}.png`, animations: "disabled" });
}

/** The loop between `a` and `b`: both edges drawn, as two paths that do not run on top of each other. */
async function expectDistinctLoop(page: Page, a: string, b: string) {
  const drawing = await readDrawing(page);
  const there = edgeBetween(drawing, a, b);
  const back = edgeBetween(drawing, b, a);
  expect(there, `${a} → ${b} is drawn`).toBeDefined();
  expect(back, `${b} → ${a} is drawn`).toBeDefined();
  // At most a short common stretch (where both leave or reach the same side of a box).
  expect(sharedLength(there!, back!)).toBeLessThan(16);
  expect(sharedLength(back!, there!)).toBeLessThan(16);
  return { drawing, there: there!, back: back! };
}

test.describe("graph drawing", () => {
  test("a ReAct agent: the agent ⇄ tools loop is two distinct edges, the way back dashed, nothing crosses a node", async ({ page }) => {
    await openWith(page, REACT_AGENT, ["agent", "tools", "START", "END"]);
    const { drawing, back } = await expectDistinctLoop(page, "agent", "tools");
    expect(edgesThroughNodes(drawing)).toEqual([]);
    expect(labelFaults(drawing)).toEqual([]);
    // The edge closing the cycle is styled as a back edge (dashed) and says so.
    expect(back.dash).not.toBeNull();
    expect(back.name).toContain("loops back");
    // The conditional branches carry their names, in the drawing and in the accessible names.
    await expect(graphView(page).getByRole("img", { name: "agent to tools, conditional: continue" })).toHaveCount(1);
    await expect(graphView(page).locator("g.wf-edge-label", { hasText: "continue" })).toBeVisible();
    await expect(nodeLabelled(page, "tools")).toContainText("ToolNode");
    await shoot(page, "graph-react-agent");
  });

  test("LangGraph's prebuilt create_react_agent draws its agent ⇄ tools loop", async ({ page }) => {
    await openWith(page, PREBUILT_REACT_AGENT, ["agent", "tools"]);
    const { drawing } = await expectDistinctLoop(page, "agent", "tools");
    expect(edgesThroughNodes(drawing)).toEqual([]);
    await shoot(page, "graph-prebuilt-react-agent");
  });

  test("a router whose retry branch loops back: the loop goes around, labelled, dashed, clear of the nodes", async ({ page }) => {
    await openWith(page, ROUTER_LOOP, ["retrieve", "grade", "answer"]);
    const drawing = await readDrawing(page);
    expect(edgesThroughNodes(drawing)).toEqual([]);
    expect(labelFaults(drawing)).toEqual([]);
    const retry = edgeBetween(drawing, "grade", "retrieve");
    expect(retry?.name).toBe("grade to retrieve, conditional: retry, loops back");
    expect(retry?.dash).not.toBeNull();
    const forward = edgeBetween(drawing, "retrieve", "grade")!;
    expect(sharedLength(retry!, forward)).toBeLessThan(16);
    for (const label of ["relevant", "retry", "give_up"]) {
      await expect(graphView(page).locator("g.wf-edge-label", { hasText: label })).toBeVisible();
    }
    await shoot(page, "graph-router-loop");
  });

  test("a Kedro pipeline sum, datasets hidden then shown: labels visible, no edge on another", async ({ page }) => {
    await openWith(page, KEDRO_SUM, KEDRO_NODES);
    const toggle = page.getByRole("button", { name: "Datasets" });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    let drawing = await readDrawing(page);
    expect(edgesThroughNodes(drawing)).toEqual([]);
    // X_test/y_test and X_train/y_train: four data edges, each with its own visible label.
    expect(labelFaults(drawing)).toEqual([]);
    for (const name of ["X_train", "y_train", "X_test", "y_test"]) {
      await expect(graphView(page).locator("g.wf-edge-label", { hasText: new RegExp(`^${name}$`) })).toBeVisible();
    }
    const datasetsHidden = await leafNodes(page).count();
    await shoot(page, "graph-kedro-datasets-hidden");

    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(nodeLabelled(page, "model_input_table")).toBeVisible();
    await settled(page);
    expect(await leafNodes(page).count()).toBeGreaterThan(datasetsHidden);
    drawing = await readDrawing(page);
    expect(edgesThroughNodes(drawing)).toEqual([]);
    expect(labelFaults(drawing)).toEqual([]);
    await shoot(page, "graph-kedro-datasets-shown");

    await toggle.click();
    await expect(nodeLabelled(page, "model_input_table")).toHaveCount(0);
  });

  test("a 100-task Airflow DAG opens with its task groups collapsed, counted, and expands on click", async ({ page }) => {
    await openWith(page, bigAirflowDag(), ["region_0", "region_9"]);
    // Ten collapsed groups, each with its ten tasks counted; no task drawn yet.
    const collapsedGroups = graphView(page).getByRole("button", { name: /^Expand group region_\d$/ });
    await expect(collapsedGroups).toHaveCount(10);
    await expect(nodeLabelled(page, "region_3")).toContainText("10");
    await expect(nodeLabelled(page, "load_3")).toHaveCount(0);
    let drawing = await readDrawing(page);
    expect(edgesThroughNodes(drawing)).toEqual([]);
    expect(drawing.nodes.length).toBeLessThan(20);
    await shoot(page, "graph-airflow-100-collapsed");

    // A click on a collapsed group opens it.
    await nodeLabelled(page, "region_3").click();
    for (const task of ["load_3", "fetch_3", "check_3_0", "publish_3", "notify_3"]) await expect(nodeLabelled(page, task)).toBeVisible();
    // The group that grew is what the view shows.
    await settled(page);
    await expect(nodeLabelled(page, "load_3")).toBeInViewport();
    await expect(collapsedGroups).toHaveCount(9);
    // Operators say their class under the task id.
    await expect(nodeLabelled(page, "load_3")).toContainText("S3KeySensor");
    await expect(nodeLabelled(page, "publish_3")).toContainText("PostgresOperator");
    await settled(page);
    drawing = await readDrawing(page);
    expect(edgesThroughNodes(drawing)).toEqual([]);
    await shoot(page, "graph-airflow-100-one-group-open");
  });

  test("collapsed groups merge their task-level edges into one edge that says how many", async ({ page }) => {
    await openWith(page, bigAirflowDag(), ["region_0", "region_1"]);
    // region_0 >> region_1 is every leaf of region_0 to every root of region_1: {publish_0, notify_0} × {load_1,
    // fetch_1}, four task-level edges, drawn as one edge between the collapsed groups.
    const merged = graphView(page).getByRole("img", { name: "region_0 to region_1, 4 edges" });
    await expect(merged).toHaveCount(1);
    const drawing = await readDrawing(page);
    const edge = edgeBetween(drawing, "region_0", "region_1")!;
    expect(drawing.labels.find((l) => l.id === edge.id)?.text).toBe("×4");
    // Opened, the four edges are drawn one by one.
    await nodeLabelled(page, "region_0").click();
    await nodeLabelled(page, "region_1").click();
    await expect(graphView(page).getByRole("img", { name: /^(publish|notify)_0 to (load|fetch)_1$/ })).toHaveCount(4);
  });

  test("dark mode: nodes, edges and labels in the dark palette, the loop still distinct", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await openWith(page, REACT_AGENT, ["agent", "tools"]);
    const canvas = graphView(page).locator(".react-flow");
    await expect(canvas).toHaveClass(/dark/);
    // The tool node's fill is the dark palette's, not the light one's.
    const fill = await nodeLabelled(page, "tools")
      .locator("div.relative.flex")
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(fill).toBe("rgb(69, 26, 3)"); // FAMILY_COLORS.dark.tools.fill #451a03
    const edgeColour = await graphView(page)
      .locator("g.react-flow__edge path.react-flow__edge-path")
      .first()
      .evaluate((el) => getComputedStyle(el).stroke);
    expect(["rgb(148, 163, 184)", "rgb(251, 191, 36)", "rgb(56, 189, 248)"]).toContain(edgeColour); // EDGE_COLORS.dark
    const { drawing } = await expectDistinctLoop(page, "agent", "tools");
    expect(edgesThroughNodes(drawing)).toEqual([]);
    await shoot(page, "graph-react-agent-dark");
  });
});
