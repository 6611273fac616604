/**
 * The editor flows, coded against the editor's contract: name field "Workflow name", button "Save" (and
 * Ctrl/Cmd+S), [data-testid=save-status], CodeMirror's .cm-content in [data-testid=code-editor], React Flow nodes
 * in [data-testid=graph-view], [data-testid=graph-errors], and the conflict dialog "This workflow changed elsewhere".
 */
import type { Page } from "@playwright/test";
import { createWorkflow, expect, getWorkflowCode, listWorkflows, PASSWORD, screenshotPath, test, uniqueEmail } from "./fixtures";
import { AIRFLOW_SCRIPT, LANGGRAPH_NODES, LANGGRAPH_SCRIPT } from "./scripts";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const codeContent = (page: Page) => page.getByTestId("code-editor").locator(".cm-content");
const graphNodes = (page: Page) => page.getByTestId("graph-view").locator(".react-flow__node");
const saveStatus = (page: Page) => page.getByTestId("save-status");

/** Replaces the editor's text the way a person pasting would: one input, no auto-indent or bracket closing. */
async function replaceCode(page: Page, code: string) {
  await codeContent(page).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
}

async function expectNodes(page: Page, labels: string[]) {
  for (const label of labels) {
    await expect(graphNodes(page).filter({ hasText: label }).first()).toBeVisible();
  }
}

async function signUpWithForm(page: Page, email: string) {
  const main = page.getByRole("main");
  await main.getByLabel("Email").fill(email);
  await main.getByLabel("Password").fill(PASSWORD);
  await main.getByRole("button", { name: "Sign up" }).click();
}

test.describe("editor", () => {
  test("sign up, write a LangGraph workflow, save it, find it on the dashboard and open it again", async ({ page, baseURL }) => {
    const email = uniqueEmail("journey");
    await page.goto("/signup");
    await signUpWithForm(page, email);
    await expect(page).toHaveURL(`${baseURL}/dashboard`);
    const banner = page.getByRole("banner");
    await expect(banner.getByRole("button", { name: email })).toBeVisible();

    await banner.getByRole("link", { name: "New workflow" }).click();
    await expect(page).toHaveURL(/\/editor$/);
    await page.getByLabel("Workflow name").fill("Research agent");
    await replaceCode(page, LANGGRAPH_SCRIPT);
    await expectNodes(page, LANGGRAPH_NODES);
    await expect(saveStatus(page)).toHaveText("Unsaved changes");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/workflows/${UUID}$`));
    await expect(saveStatus(page)).toHaveText("Saved");
    const id = new URL(page.url()).pathname.split("/").pop()!;

    await banner.getByRole("link", { name: "Dashboard" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    const card = page.getByRole("list", { name: "Workflows" }).getByRole("article", { name: "Research agent" });
    await expect(card).toBeVisible();
    await expect(card.getByText("LangGraph")).toBeVisible();
    await expect(card.getByRole("img", { name: "Graph of Research agent" })).toBeVisible();

    await card.click();
    await expect(page).toHaveURL(new RegExp(`/workflows/${id}$`));
    await expect(page.getByLabel("Workflow name")).toHaveValue("Research agent");
    await expect(codeContent(page)).toContainText('builder.add_node("search_web", search_web)');
    await expectNodes(page, LANGGRAPH_NODES);
    await expect(saveStatus(page)).toHaveText("Saved");
  });

  test("a draft written while signed out survives signing up", async ({ page }) => {
    await page.goto("/editor");
    await page.getByLabel("Workflow name").fill("Draft before signing up");
    await replaceCode(page, AIRFLOW_SCRIPT);
    await expectNodes(page, ["dump_database", "compress", "upload"]);

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Feditor%3Fdraft%3D1$/);
    const stored = await page.evaluate(() => localStorage.getItem("workflow-studio:draft"));
    expect(stored).toContain("Draft before signing up");
    expect(stored).toContain("dump_database");

    await page.getByRole("main").getByRole("link", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/signup\?callbackUrl=%2Feditor%3Fdraft%3D1$/);
    await signUpWithForm(page, uniqueEmail("draft"));

    await expect(page).toHaveURL(/\/editor\?draft=1$/);
    await expect(page.getByLabel("Workflow name")).toHaveValue("Draft before signing up");
    await expect(codeContent(page)).toContainText('task_id="dump_database"');
    await expectNodes(page, ["dump_database", "compress", "upload"]);

    // Signed in now, Save keeps it.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/workflows/${UUID}$`));
    await expect(saveStatus(page)).toHaveText("Saved");
  });

  test("two tabs save the same workflow: the second gets the conflict dialog and loses nothing", async ({ page, account, finalScreen }) => {
    expect(account.email).toContain("@");
    const original = await createWorkflow(page, "Shared workflow", LANGGRAPH_SCRIPT);
    const second = await page.context().newPage();
    finalScreen.page = second;
    for (const tab of [page, second]) {
      await tab.goto(`/workflows/${original.id}`);
      await expectNodes(tab, LANGGRAPH_NODES);
      await expect(saveStatus(tab)).toHaveText("Saved");
    }

    const first = `${LANGGRAPH_SCRIPT}# edited in the first tab\n`;
    await replaceCode(page, first);
    await expect(saveStatus(page)).toHaveText("Unsaved changes");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(saveStatus(page)).toHaveText("Saved");

    const secondText = `${LANGGRAPH_SCRIPT}# edited in the second tab\n`;
    await second.bringToFront();
    await replaceCode(second, secondText);
    await expect(saveStatus(second)).toHaveText("Unsaved changes");
    await second.keyboard.press("Control+S");

    const dialog = second.getByRole("dialog", { name: "This workflow changed elsewhere" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Reload theirs" })).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Overwrite" })).toBeVisible();
    // Nothing lost: the second tab's text is still in its editor.
    await expect(codeContent(second)).toContainText("# edited in the second tab");
    await second.screenshot({ path: screenshotPath("editor two tabs conflict dialog"), fullPage: true });

    await dialog.getByRole("button", { name: "Save as a copy" }).click();
    await expect(dialog).toBeHidden();
    // The copy opens at its own address (wait for it: the original's address matches the same pattern).
    await second.waitForURL((url) => new RegExp(`/workflows/${UUID}$`).test(url.pathname) && !url.pathname.includes(original.id));
    await expect(saveStatus(second)).toHaveText("Saved");
    await expect(codeContent(second)).toContainText("# edited in the second tab");

    // Both kept: the original holds the first tab's text, the copy the second's.
    const items = await listWorkflows(page);
    expect(items).toHaveLength(2);
    expect(await getWorkflowCode(page, original.id)).toBe(first);
    const copy = items.find((item) => item.id !== original.id)!;
    expect(await getWorkflowCode(page, copy.id)).toBe(secondText);
  });

  test("a syntax error shows above the graph while the last good graph stays drawn", async ({ page }) => {
    await page.goto("/editor");
    await replaceCode(page, LANGGRAPH_SCRIPT);
    await expectNodes(page, LANGGRAPH_NODES);
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\ndef broken(:\n");
    await expect(page.getByTestId("graph-errors")).toBeVisible();
    await expect(page.getByTestId("graph-errors")).toHaveAttribute("role", "alert");
    await expectNodes(page, LANGGRAPH_NODES);
  });
});

const EXAMPLE_TITLES = [
  "LangGraph research agent",
  "Airflow nightly backup",
  "Prefect daily revenue report",
  "Dagster log statistics",
  "Plain Python crawler",
  "Kedro model training",
];

test.describe("examples", () => {
  for (const title of EXAMPLE_TITLES) {
    test(`${title} opens in the editor and draws`, async ({ page }) => {
      await page.goto("/");
      await page.getByRole("link", { name: `Open ${title} in the editor` }).click();
      await expect(page).toHaveURL(/\/editor\?example=[a-z0-9-]+$/);
      await expect(graphNodes(page).nth(2)).toBeVisible();
      expect(await graphNodes(page).count()).toBeGreaterThanOrEqual(3);
      await expect(page.getByLabel("Workflow name")).not.toHaveValue("");
    });
  }
});
