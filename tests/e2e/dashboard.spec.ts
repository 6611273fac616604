import { EXAMPLES } from "../../src/lib/examples";
import { createWorkflow, expect, PASSWORD, screenshotPath, signIn, test, verifyByMail } from "./fixtures";
import { AIRFLOW_SCRIPT, LANGGRAPH_SCRIPT, PLAIN_SCRIPT, PREFECT_SCRIPT } from "./scripts";

test.describe("dashboard", () => {
  // Every test works as its own, freshly signed-in person.
  test.beforeEach(async ({ account }) => {
    expect(account.email).toContain("@");
  });

  test("cards, load more, sort, rename, duplicate and delete", async ({ page }) => {
    // 13 workflows: one more than a page of 12. Created oldest first, so "Crawler" is the most recently updated.
    for (let index = 1; index <= 9; index++) await createWorkflow(page, `Batch 0${index}`, PLAIN_SCRIPT);
    await createWorkflow(page, "Nightly backup", AIRFLOW_SCRIPT);
    await createWorkflow(page, "Research agent", LANGGRAPH_SCRIPT);
    await createWorkflow(page, "Revenue report", PREFECT_SCRIPT);
    await createWorkflow(page, "Crawler", PLAIN_SCRIPT);

    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Your workflows" })).toBeVisible();
    const list = page.getByRole("list", { name: "Workflows" });
    const cards = list.getByRole("article");
    // The first page is in the server's HTML: no skeletons, twelve cards at once.
    await expect(cards).toHaveCount(12);
    await expect(cards.first()).toHaveAccessibleName("Crawler");

    const research = list.getByRole("article", { name: "Research agent", exact: true });
    await expect(research.getByText("LangGraph")).toBeVisible();
    await expect(research.getByText(/^\d+ nodes$/)).toBeVisible();
    await expect(research.getByText("Updated just now")).toBeVisible();
    await expect(research.getByRole("img", { name: "Graph of Research agent" })).toBeVisible();
    await expect(list.getByRole("article", { name: "Nightly backup" }).getByText("Airflow")).toBeVisible();

    await page.getByRole("button", { name: "Load more" }).click();
    await expect(cards).toHaveCount(13);
    await expect(cards.last()).toHaveAccessibleName("Batch 01");
    await expect(page.getByRole("button", { name: "Load more" })).toBeHidden();

    // Search, filters and the URL: dashboard-search.spec.ts.
    await page.getByLabel("Sort by").selectOption({ label: "Name" });
    await expect(cards.nth(0)).toHaveAccessibleName("Batch 01");
    await expect(cards.nth(1)).toHaveAccessibleName("Batch 02");
    await page.getByLabel("Sort by").selectOption({ label: "Last updated" });
    await expect(cards.nth(0)).toHaveAccessibleName("Crawler");

    // Rename
    await list.getByRole("article", { name: "Crawler" }).getByRole("button", { name: "Rename" }).click();
    const renameDialog = page.getByRole("dialog", { name: "Rename workflow" });
    await expect(renameDialog).toBeVisible();
    const newName = renameDialog.getByLabel("New name");
    await expect(newName).toBeFocused();
    await newName.fill("   ");
    await renameDialog.getByRole("button", { name: "Rename" }).click();
    await expect(renameDialog.getByRole("alert")).toHaveText("Give the workflow a name.");
    await newName.fill("Web crawler");
    await newName.press("Enter");
    await expect(renameDialog).toBeHidden();
    await expect(page.getByText("Renamed to “Web crawler”")).toBeVisible();
    await expect(cards.first()).toHaveAccessibleName("Web crawler");

    // Duplicate
    await research.getByRole("button", { name: "Duplicate" }).click();
    await expect(page.getByText("Duplicated as “Copy of Research agent”")).toBeVisible();
    await expect(cards.first()).toHaveAccessibleName("Copy of Research agent");

    // Delete: Cancel keeps it, Delete removes it
    const backup = list.getByRole("article", { name: "Nightly backup" });
    await backup.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete Nightly backup?" });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    await expect(backup).toBeVisible();
    // Focus returns to the button that opened the dialog.
    await expect(backup.getByRole("button", { name: "Delete" })).toBeFocused();

    await backup.getByRole("button", { name: "Delete" }).click();
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Deleted “Nightly backup”")).toBeVisible();
    await expect(backup).toBeHidden();

    // A click anywhere on a card opens it in the editor.
    const crawlerLink = list.getByRole("article", { name: "Web crawler" }).getByRole("link", { name: "Web crawler" });
    const href = await crawlerLink.getAttribute("href");
    expect(href).toMatch(/^\/workflows\/[0-9a-f-]{36}$/);
  });

  test("a new account sees a friendly empty state that points to the examples", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "No workflows yet" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Browse the examples" })).toHaveAttribute("href", "/#examples");
    await expect(page.getByRole("main").getByRole("link", { name: "New workflow" })).toHaveAttribute("href", "/editor");
  });

  test("the gallery at 1440×900 (docs screenshot)", async ({ browser, baseURL, finalScreen }) => {
    // Its own person with a friendly address (used by this test only), for the picture in the README.
    const context = await browser.newContext({ baseURL: baseURL!, viewport: { width: 1440, height: 900 }, colorScheme: "light" });
    const page = await context.newPage();
    finalScreen.page = page;
    const account = { email: "ada@example.com", password: PASSWORD };
    const registered = await page.request.post("/api/auth/register", { data: account, headers: { origin: baseURL! } });
    expect(registered.status()).toBe(202);
    await verifyByMail(page.request, account.email);
    await signIn(page, account);
    for (const example of [...EXAMPLES].reverse()) await createWorkflow(page, example.title, example.code);
    await createWorkflow(page, "Quarterly churn model", PREFECT_SCRIPT);
    await createWorkflow(page, "Support triage agent", LANGGRAPH_SCRIPT);
    await page.goto("/dashboard");
    const images = page.getByRole("list", { name: "Workflows" }).getByRole("img");
    await expect(images).toHaveCount(8);
    // animations: "disabled" finishes the drawings' fade-in for the picture.
    await page.screenshot({ path: screenshotPath("dashboard-gallery-1440x900"), animations: "disabled" });
    // The same in the dark theme (follows the system's).
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.getByRole("list", { name: "Workflows" }).locator("img.dark\\:block").first()).toBeVisible();
    await page.screenshot({ path: screenshotPath("dashboard-gallery-1440x900-dark"), animations: "disabled" });
    // And on a phone (390×844), light: one card a row, the chips wrapping under the search.
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(images.first()).toBeVisible();
    await page.screenshot({ path: screenshotPath("dashboard-gallery-390x844"), animations: "disabled" });
  });
});
