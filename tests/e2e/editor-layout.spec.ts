/**
 * The editor's layout (issue 14): Code | Graph tabs on a phone (390×844, touch), the split remembered on a desktop,
 * and the graph's loading state. The phone screenshots go to test-results/e2e/ (editor-phone-code.png,
 * editor-phone-graph.png); docs/screenshots/ holds copies for the README, refreshed by hand (so a test run never
 * changes tracked files).
 */
import type { Page } from "@playwright/test";
import { expect as baseExpect, screenshotPath, test } from "./fixtures";
import { AIRFLOW_SCRIPT } from "./scripts";

// A loaded machine (two cores shared with the server) draws slowly: room for it, not a slower app.
test.describe.configure({ timeout: 120_000 });
// What only the browser draws (a restored draft, the offer) waits for hydration, which is slow on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.use({ actionTimeout: 20_000, navigationTimeout: 60_000 });

const graphNodes = (page: Page) => page.getByTestId("graph-view").locator(".react-flow__node");
const graphEdges = (page: Page) => page.getByTestId("graph-view").locator(".react-flow__edge");
const codeContent = (page: Page) => page.getByTestId("code-editor").locator(".cm-content");

async function box(page: Page, selector: ReturnType<Page["locator"]>) {
  const found = await selector.boundingBox();
  expect(found, "element is laid out").not.toBeNull();
  return found!;
}

test.describe("phone editor (390×844, touch)", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test("Code | Graph tabs, graph full width, touch-sized controls, no keyboard hints", async ({ page }) => {
    await page.goto("/editor?example=airflow-backup");
    const tabs = page.getByRole("tablist", { name: "Show" });
    const codeTab = tabs.getByRole("tab", { name: "Code" });
    const graphTab = tabs.getByRole("tab", { name: "Graph" });
    await expect(codeTab).toHaveAttribute("aria-selected", "true");
    await expect(codeContent(page)).toContainText("airflow.models.dag");
    await expect(page.getByTestId("graph-view")).toBeHidden();

    // The code has the full width; the name is not clipped.
    const code = await box(page, page.getByTestId("code-editor"));
    expect(code.width).toBeGreaterThan(380);
    const name = await box(page, page.getByLabel("Workflow name"));
    expect(name.width).toBeGreaterThan(300);
    // Touch targets of at least 44 px; no "Ctrl S" anywhere on a touch screen.
    for (const target of [codeTab, graphTab, page.getByRole("button", { name: "Save", exact: true }), page.getByRole("button", { name: "More" })]) {
      expect((await box(page, target)).height).toBeGreaterThanOrEqual(44);
    }
    await expect(page.getByText(/Ctrl S|⌘S/)).toHaveCount(0);
    await page.screenshot({ path: screenshotPath("editor-phone-code") });

    await graphTab.click();
    await expect(graphTab).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("code-editor")).toBeHidden();
    await expect(graphNodes(page).filter({ hasText: "compress" })).toBeVisible({ timeout: 20_000 });
    await expect(graphEdges(page).first()).toBeVisible();
    const graph = await box(page, page.getByTestId("graph-view"));
    expect(graph.width).toBeGreaterThan(370);
    await page.screenshot({ path: screenshotPath("editor-phone-graph") });

    // Back to the code: what was there is still there, and edits redraw the graph.
    await codeTab.click();
    await expect(codeContent(page)).toContainText("airflow.models.dag");
    await codeContent(page).click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.insertText(AIRFLOW_SCRIPT);
    await graphTab.click();
    await expect(graphNodes(page).filter({ hasText: "dump_database" })).toBeVisible({ timeout: 20_000 });
  });

  test("the More menu holds what does not fit", async ({ page }) => {
    await page.goto("/editor?example=airflow-backup");
    const more = page.getByRole("button", { name: "More" });
    await more.click();
    await expect(more).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator("p").filter({ hasText: /^Airflow · \d+ nodes$/ })).toBeVisible(); // the menu's copy (the toolbar's is hidden on phones)
    await page.keyboard.press("Escape");
    await expect(more).toHaveAttribute("aria-expanded", "false");
  });
});

test.describe("desktop editor (1440×900)", () => {
  test("code and graph side by side; the split is remembered after a reload", async ({ page }) => {
    await page.goto("/editor?example=airflow-backup");
    await expect(page.getByRole("tablist", { name: "Show" })).toBeHidden();
    await expect(graphEdges(page).first()).toBeVisible();
    await expect(page.getByText("Drawing the graph…")).toBeHidden();
    await expect(page.getByRole("button", { name: "Save", exact: true })).toContainText("Ctrl S");

    const separator = page.getByRole("separator", { name: "Resize code and graph" });
    const before = (await box(page, page.getByTestId("code-editor"))).width;
    await separator.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await box(page, page.getByTestId("code-editor"))).width).toBeGreaterThan(before + 50);
    const after = (await box(page, page.getByTestId("code-editor"))).width;
    await expect.poll(async () => (await page.context().cookies()).find((c) => c.name === "editor_split")?.value).toBeTruthy();

    await page.reload();
    await expect(codeContent(page)).toContainText("airflow.models.dag");
    const reloaded = (await box(page, page.getByTestId("code-editor"))).width;
    expect(Math.abs(reloaded - after)).toBeLessThan(8);
  });
});
