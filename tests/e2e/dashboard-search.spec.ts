/**
 * Issue 14: the dashboard's search box (name, framework and code), framework chips and sort menu, all in the URL,
 * with Back and shared links restoring them; `/` focuses the search; arrow keys move between cards and Enter opens
 * one. At desktop and phone size. The search and filter journeys need the list query of the list contract
 * (`search`, `dialects`); on a server without it they are skipped with a message rather than faked.
 */
import type { Page } from "@playwright/test";
import { createWorkflow, expect, test } from "./fixtures";
import { AIRFLOW_SCRIPT, LANGGRAPH_SCRIPT, PLAIN_SCRIPT, PREFECT_SCRIPT } from "./scripts";
import { SIZES } from "./sizes";

/** Whether the server's list takes `search` and `dialects` (the list contract) rather than refusing them. */
async function serverSearches(page: Page): Promise<boolean> {
  const response = await page.request.get("/api/workflows?search=x&dialect=airflow&limit=1");
  return response.ok();
}

async function fourWorkflows(page: Page) {
  // Created in this order, so by last update: Crawler, Revenue report, Research agent, Nightly backup.
  await createWorkflow(page, "Nightly backup", AIRFLOW_SCRIPT);
  await createWorkflow(page, "Research agent", LANGGRAPH_SCRIPT);
  await createWorkflow(page, "Revenue report", PREFECT_SCRIPT);
  await createWorkflow(page, "Crawler", PLAIN_SCRIPT);
}

const names = (page: Page) => page.getByRole("list", { name: "Workflows" }).getByRole("article");

for (const size of SIZES) {
  test.describe(`dashboard search (${size.name})`, () => {
    test.use(size.use);

    test("sort lives in the URL and Back restores it; / focuses the search; arrow keys move between cards, Enter opens", async ({
      page,
      account,
    }) => {
      test.setTimeout(180_000); // a dozen loads and navigations on a busy machine
      expect(account.email).toContain("@");
      await fourWorkflows(page);
      await page.goto("/dashboard");
      const cards = names(page);
      await expect(cards).toHaveCount(4);
      await expect(cards.first()).toHaveAccessibleName("Crawler");

      const sort = page.getByLabel("Sort by");
      await sort.selectOption({ label: "Name" });
      await expect(page).toHaveURL(/\/dashboard\?sort=name$/);
      await expect(cards.first()).toHaveAccessibleName("Crawler");
      await expect(cards.nth(1)).toHaveAccessibleName("Nightly backup");
      await sort.selectOption({ label: "Date created" });
      await expect(page).toHaveURL(/\/dashboard\?sort=created$/);
      await page.goBack();
      await expect(page).toHaveURL(/\/dashboard\?sort=name$/);
      await expect(sort).toHaveValue("name");
      await expect(cards.nth(1)).toHaveAccessibleName("Nightly backup");
      await page.goBack();
      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(sort).toHaveValue("updated");
      await expect(cards.first()).toHaveAccessibleName("Crawler");
      await expect(cards.nth(1)).toHaveAccessibleName("Revenue report");

      // A shared link opens with its sort.
      await page.goto("/dashboard?sort=name");
      await expect(sort).toHaveValue("name");
      await expect(cards.nth(1)).toHaveAccessibleName("Nightly backup");

      if (size.name === "desktop") {
        const search = page.getByLabel("Search workflows");
        // The page is hydrated (its card actions are enabled then), so the shortcut is listening.
        await expect(cards.first().getByRole("button", { name: "Rename Crawler" })).toBeEnabled();
        // "/" is a shortcut only outside a field: start with focus on the page itself, whatever had it before.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await expect(search).not.toBeFocused();
        await page.keyboard.press("/");
        await expect(search).toBeFocused();
        await expect(search).toHaveValue("");
        // Typing "/" in the box is just a character, searched for like any other.
        await page.keyboard.press("/");
        await expect(search).toHaveValue("/");
        await expect(page).toHaveURL(/\/dashboard\?q=%2F&sort=name$/);
        await search.fill("");
        await expect(page).toHaveURL(/\/dashboard\?sort=name$/);

        const first = cards.first().getByRole("link", { name: "Crawler" });
        await first.focus();
        await page.keyboard.press("ArrowRight");
        await expect(cards.nth(1).getByRole("link", { name: "Nightly backup" })).toBeFocused();
        await page.keyboard.press("End");
        await expect(cards.last().getByRole("link")).toBeFocused();
        await page.keyboard.press("Home");
        await expect(first).toBeFocused();
        await page.keyboard.press("ArrowDown"); // four cards fit one row at 1440 px: nowhere to go down
        await expect(first).toBeFocused();
        await page.keyboard.press("Enter");
        await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
        await page.goBack();
        await expect(page).toHaveURL(/\/dashboard\?sort=name$/);
        await expect(sort).toHaveValue("name");
      } else {
        // One card a row on a phone: Down is the next card.
        const first = cards.first().getByRole("link", { name: "Crawler" });
        await first.focus();
        await page.keyboard.press("ArrowDown");
        await expect(cards.nth(1).getByRole("link", { name: "Nightly backup" })).toBeFocused();
        // Touch targets are at least 44 px.
        for (const target of [sort, page.getByLabel("Search workflows"), cards.first().getByRole("button", { name: "Rename Crawler" })]) {
          expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }
    });

    test("search by framework and by a word in the code, filter chips, sort, Back and a shared link", async ({ page, account }) => {
      test.setTimeout(180_000);
      expect(account.email).toContain("@");
      test.skip(!(await serverSearches(page)), "the server's list query has no `search`/`dialects` yet (the list contract)");
      await fourWorkflows(page);
      await page.goto("/dashboard");
      const cards = names(page);
      await expect(cards).toHaveCount(4);
      const search = page.getByLabel("Search workflows");

      // A name
      await search.fill("crawler");
      await expect(cards).toHaveCount(1);
      await expect(cards.first()).toHaveAccessibleName("Crawler");

      // A framework's name finds its workflows, whatever the case.
      await search.fill("AIRFLOW");
      await expect(page).toHaveURL(/\/dashboard\?q=AIRFLOW$/);
      await expect(cards).toHaveCount(1);
      await expect(cards.first()).toHaveAccessibleName("Nightly backup");

      // A word only in the code: the card shows where it matched.
      await search.fill("compress");
      await expect(page).toHaveURL(/\/dashboard\?q=compress$/);
      await expect(cards).toHaveCount(1);
      await expect(cards.first()).toHaveAccessibleName("Nightly backup");
      await expect(cards.first().locator("code")).toContainText("compress");
      await expect(cards.first().getByText(/^Line \d+$/)).toBeVisible();

      // Nothing found: the page says what to try.
      await search.fill("zzyzx");
      await expect(page.getByRole("main").getByText("No workflows match “zzyzx”.")).toBeVisible();
      await expect(page.getByText(/try a shorter word/)).toBeVisible();
      await page.getByRole("button", { name: "Clear the search" }).click();
      await expect(search).toHaveValue("");
      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(cards).toHaveCount(4);

      // Filter chips
      const chips = page.getByRole("group", { name: "Framework" });
      await chips.getByRole("button", { name: "LangGraph" }).click();
      await expect(page).toHaveURL(/\/dashboard\?fw=langgraph$/);
      await expect(chips.getByRole("button", { name: "LangGraph" })).toHaveAttribute("aria-pressed", "true");
      await expect(cards).toHaveCount(1);
      await chips.getByRole("button", { name: "Prefect" }).click();
      await expect(page).toHaveURL(/\/dashboard\?fw=langgraph,prefect$/);
      await expect(cards).toHaveCount(2);
      await expect(cards.first()).toHaveAccessibleName("Revenue report");

      // Sort
      await page.getByLabel("Sort by").selectOption({ label: "Name" });
      await expect(page).toHaveURL(/\/dashboard\?fw=langgraph,prefect&sort=name$/);
      await expect(cards.first()).toHaveAccessibleName("Research agent");

      // Back undoes the sort, then the second chip.
      await page.goBack();
      await expect(page).toHaveURL(/\/dashboard\?fw=langgraph,prefect$/);
      await expect(cards.first()).toHaveAccessibleName("Revenue report");
      await page.goBack();
      await expect(page).toHaveURL(/\/dashboard\?fw=langgraph$/);
      await expect(chips.getByRole("button", { name: "Prefect" })).toHaveAttribute("aria-pressed", "false");
      await expect(cards).toHaveCount(1);

      // A shared link opens with its search, filter and sort.
      await page.goto("/dashboard?q=report&fw=prefect,airflow&sort=name");
      await expect(search).toHaveValue("report");
      await expect(chips.getByRole("button", { name: "Prefect" })).toHaveAttribute("aria-pressed", "true");
      await expect(chips.getByRole("button", { name: "Airflow" })).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByLabel("Sort by")).toHaveValue("name");
      await expect(cards).toHaveCount(1);
      await expect(cards.first()).toHaveAccessibleName("Revenue report");

      // Only a filter, nothing in it.
      await page.goto("/dashboard?fw=kedro");
      await expect(page.getByRole("main").getByText("No Kedro workflows yet.")).toBeVisible();
      await page.getByRole("button", { name: "Show all frameworks" }).click();
      await expect(cards).toHaveCount(4);
    });
  });
}
