/**
 * What the graph view does for a reader (issue 11, "What the view shows"): the details panel, focus mode, fitting
 * when the structure changes (and only then), the minimap, the legend, the keyboard, the Kedro dataset toggle.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  codeContent,
  focusedNodeLabel,
  graphView,
  KEDRO_NODES,
  KEDRO_SUM,
  longAirflowChain,
  nodeLabelled,
  nodesOutsideCanvas,
  openWith,
  pasteCode,
  REACT_AGENT,
  readDrawing,
  REVERSED_DECLARATIONS,
  ROUTER_LOOP,
  settled,
  viewportTransform,
} from "./graph-helpers";

const details = (page: Page) => page.getByTestId("node-details");

/** The minimap sits in its own column: its box does not overlap the canvas the nodes are drawn in. */
async function expectMinimapBesideCanvas(page: Page) {
  const map = (await graphView(page).locator(".react-flow__minimap").boundingBox())!;
  const canvas = (await graphView(page).locator(".react-flow").boundingBox())!;
  expect(map.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
}

test.describe("graph view", () => {
  test("clicking a node opens its details; the line link selects its code; Esc closes", async ({ page }) => {
    await openWith(page, REACT_AGENT, ["agent", "tools"]);
    await nodeLabelled(page, "agent").click();
    const panel = details(page);
    await expect(panel).toBeVisible();
    await expect(panel.getByRole("heading", { name: "agent" })).toBeVisible();
    await expect(panel).toContainText("LangGraph");
    // agent ← tools (START is not a step), agent → tools (END is not a step).
    await expect(panel.getByTestId("details-upstream")).toHaveText("1 direct input");
    await expect(panel.getByTestId("details-downstream")).toHaveText("1 direct output");
    // The click selected the node's code in the editor without taking focus from the graph.
    await expect(panel).toBeFocused();

    // "Defined at line N" selects the function in the editor and moves focus there.
    await panel.getByRole("button", { name: /^lines? \d+/ }).first().click();
    await expect(codeContent(page)).toBeFocused();
    expect(await page.evaluate(() => document.getSelection()?.toString() ?? "")).toContain("def call_model");

    // Esc (with focus back in the graph) closes the panel.
    await nodeLabelled(page, "tools").click();
    await expect(panel.getByRole("heading", { name: "tools" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(nodeLabelled(page, "tools")).toBeFocused();
  });

  test("details show what the reader knows: function, docstring, inputs and outputs", async ({ page }) => {
    await openWith(page, KEDRO_SUM, KEDRO_NODES);
    await nodeLabelled(page, "split_data_node").click();
    const panel = details(page);
    await expect(panel).toContainText("Kedro node");
    await expect(panel).toContainText("split_data");
    await expect(panel).toContainText("Split the table into training and test sets.");
    for (const name of ["model_input_table", "params:model_options", "X_train", "X_test", "y_train", "y_test"]) {
      await expect(panel.getByRole("listitem").filter({ hasText: new RegExp(`^${name}$`) })).toBeVisible();
    }
    // Upstream: create_model_input_table_node (direct) and the two preprocessors behind it.
    await expect(panel.getByTestId("details-upstream")).toHaveText("1 direct input, 3 in all");
  });

  test("focus mode dims everything outside the node's lineage; Esc leaves it", async ({ page }) => {
    await openWith(page, ROUTER_LOOP, ["retrieve", "grade", "answer"]);
    const dimmed = graphView(page).locator(".react-flow__node.wf-dimmed");
    await expect(dimmed).toHaveCount(0);
    await nodeLabelled(page, "answer").click();
    // answer's lineage: START → retrieve ⇄ grade → answer → END. Nothing is outside it but…
    await expect(dimmed).toHaveCount(0);
    await page.keyboard.press("Escape");
    // …in a graph with a side branch, the side branch dims.
    await pasteCode(page, `${ROUTER_LOOP}\n\ndef audit(state):\n    return state\n\n\nbuilder.add_node("audit", audit)\nbuilder.add_edge(START, "audit")\nbuilder.add_edge("audit", END)\n`);
    await expect(nodeLabelled(page, "audit")).toBeVisible();
    await settled(page);
    await nodeLabelled(page, "grade").click();
    await expect(nodeLabelled(page, "audit")).toHaveClass(/wf-dimmed/);
    await expect(nodeLabelled(page, "retrieve")).not.toHaveClass(/wf-dimmed/);
    await expect(nodeLabelled(page, "answer")).not.toHaveClass(/wf-dimmed/);
    await expect(graphView(page).locator("g.react-flow__edge.wf-dimmed[aria-label^='audit to']")).toHaveCount(1);
    await page.screenshot({ path: "test-results/graph/graph-focus-mode.png" });
    // The panel's toggle turns the dimming off and on; Esc leaves focus mode and closes the details.
    await details(page).getByRole("button", { name: "Focus on lineage" }).click();
    await expect(graphView(page).locator(".react-flow__node.wf-dimmed")).toHaveCount(0);
    await details(page).getByRole("button", { name: "Focus on lineage" }).click();
    await expect(nodeLabelled(page, "audit")).toHaveClass(/wf-dimmed/);
    await page.keyboard.press("Escape");
    await expect(graphView(page).locator(".wf-dimmed")).toHaveCount(0);
    await expect(details(page)).toBeHidden();
  });

  test("after pasting a new script the new graph is in view; an ordinary keystroke never moves the view", async ({ page }) => {
    await openWith(page, REACT_AGENT, ["agent", "tools"]);
    // Zoom in, so part of the drawing is off screen.
    for (let i = 0; i < 3; i++) await graphView(page).getByRole("button", { name: "Zoom In" }).click();
    await settled(page);
    const zoomed = await viewportTransform(page);

    // An ordinary keystroke (a comment) changes no structure: the view stays where the person put it.
    await codeContent(page).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n# a note");
    await page.waitForTimeout(600);
    expect(await viewportTransform(page)).toBe(zoomed);

    // A paste of another script: the new drawing is fitted, all of it on screen.
    await pasteCode(page, ROUTER_LOOP);
    await expect(nodeLabelled(page, "grade")).toBeVisible();
    await settled(page);
    expect(await viewportTransform(page)).not.toBe(zoomed);
    const drawing = await readDrawing(page);
    expect(drawing.nodes.length).toBeGreaterThanOrEqual(5);
    expect(nodesOutsideCanvas(drawing)).toEqual([]);

    // A new step added at the end of the flow while the whole drawing is in view: fitted again if it fell outside.
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText(
      '\n\ndef notify(state):\n    return state\n\n\nbuilder.add_node("notify", notify)\nbuilder.add_edge("answer", "notify")\nbuilder.add_edge("notify", END)\n',
    );
    await expect(nodeLabelled(page, "notify")).toBeVisible();
    await settled(page);
    expect(nodesOutsideCanvas(await readDrawing(page))).toEqual([]);

    // The Fit button is still there and fits.
    for (let i = 0; i < 3; i++) await graphView(page).getByRole("button", { name: "Zoom In" }).click();
    await settled(page);
    expect(nodesOutsideCanvas(await readDrawing(page)).length).toBeGreaterThan(0);
    await graphView(page).getByRole("button", { name: "Fit graph to view" }).click();
    await settled(page);
    expect(nodesOutsideCanvas(await readDrawing(page))).toEqual([]);
  });

  test("the minimap: hidden on a graph that fits, toggled by a button, in a column of its own (never over a node)", async ({ page }) => {
    await openWith(page, REACT_AGENT, ["agent", "tools"]);
    const minimap = graphView(page).locator(".react-flow__minimap");
    const toggle = graphView(page).getByRole("button", { name: "Minimap" });
    await expect(minimap).toHaveCount(0);
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(minimap).toBeVisible();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await settled(page);
    await expectMinimapBesideCanvas(page);
    // The canvas narrowed for it; the drawing that was whole in view still is.
    expect(nodesOutsideCanvas(await readDrawing(page))).toEqual([]);
    await toggle.click();
    await expect(minimap).toHaveCount(0);
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
  });

  test("a drawing too big to read whole opens at a readable size with the minimap shown", async ({ page }) => {
    await openWith(page, longAirflowChain(80), ["step_0"]);
    const minimap = graphView(page).locator(".react-flow__minimap");
    await expect(minimap).toBeVisible();
    await expect(graphView(page).getByRole("button", { name: "Minimap" })).toHaveAttribute("aria-pressed", "true");
    await expectMinimapBesideCanvas(page);
    // Readable (zoom at least 0.5), starting where the flow starts.
    const drawing = await readDrawing(page);
    expect(drawing.zoom).toBeGreaterThanOrEqual(0.5);
    await expect(nodeLabelled(page, "step_0")).toBeInViewport();
    // "Fit" still shows all of it.
    await graphView(page).getByRole("button", { name: "Fit graph to view" }).click();
    await settled(page);
    expect(nodesOutsideCanvas(await readDrawing(page))).toEqual([]);
  });

  test("the legend lists only the node kinds and edge styles drawn, and can be hidden", async ({ page }) => {
    await openWith(page, ROUTER_LOOP, ["retrieve", "grade"]);
    const legend = page.getByTestId("graph-legend");
    await expect(legend).toBeVisible();
    await expect(legend.locator("[data-family]")).toHaveText(["Start", "End", "Node", "Group"]);
    await expect(legend.locator("[data-edge-style]")).toHaveText(["Runs after", "Conditional branch", "Loops back"]);
    await expect(legend).not.toContainText("Dataset");
    await expect(legend).not.toContainText("Inferred");
    await graphView(page).getByRole("button", { name: "Legend" }).click();
    await expect(legend).toBeHidden();
    await graphView(page).getByRole("button", { name: "Legend" }).click();
    await expect(legend).toBeVisible();
  });

  test("Tab moves through the nodes in flow order with a visible focus ring; Enter opens the details", async ({ page }) => {
    await openWith(page, REVERSED_DECLARATIONS, ["research", "write_draft", "publish"]);
    await graphView(page).getByRole("button", { name: "Export graph as Mermaid text" }).focus();
    const visited: string[] = [];
    for (let i = 0; i < 12 && visited.length < 6; i++) {
      await page.keyboard.press("Tab");
      const label = await focusedNodeLabel(page);
      if (label !== null) visited.push(label);
    }
    // Declared publish, write_draft, research; the flow (and Tab) goes research → write_draft → publish.
    expect(visited).toEqual(["builder", "START", "research", "write_draft", "publish", "END"]);

    // The focused node shows a ring.
    await nodeLabelled(page, "publish").focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    expect(await focusedNodeLabel(page)).toBe("publish");
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe("none");
    expect(outline.width).toBeGreaterThanOrEqual(2);

    // Enter opens the details with focus in them; Esc closes them and gives focus back to the node.
    await page.keyboard.press("Enter");
    await expect(details(page)).toBeFocused();
    await expect(details(page).getByRole("heading", { name: "publish" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(details(page)).toBeHidden();
    expect(await focusedNodeLabel(page)).toBe("publish");
  });

  test("edges have accessible names", async ({ page }) => {
    await openWith(page, REACT_AGENT, ["agent", "tools"]);
    const edges = graphView(page).locator("g.react-flow__edge");
    await expect(edges).toHaveCount(4);
    for (const name of ["START to agent", "agent to END, conditional: end", "agent to tools, conditional: continue", "tools to agent, loops back"]) {
      await expect(graphView(page).getByRole("img", { name, exact: true })).toHaveCount(1);
    }
  });

  test("the dataset toggle shows for Kedro only", async ({ page }) => {
    await openWith(page, REACT_AGENT, ["agent"]);
    await expect(graphView(page).getByRole("button", { name: "Datasets" })).toHaveCount(0);
    await pasteCode(page, KEDRO_SUM);
    await expect(nodeLabelled(page, "split_data_node")).toBeVisible();
    await expect(graphView(page).getByRole("button", { name: "Datasets" })).toHaveAttribute("aria-pressed", "false");
  });
});
