/**
 * Issue 14: an automated accessibility check (axe-core) of every page — home, log-in, sign-up, dashboard, editor,
 * a saved workflow, settings and the 404 — at desktop and phone size, in the light and the dark theme. No serious or
 * critical violation of WCAG 2.1 A/AA may remain; each one found is listed with the elements it names.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createWorkflow, expect, forgetSession, test } from "./fixtures";
import { AIRFLOW_SCRIPT, LANGGRAPH_SCRIPT } from "./scripts";
import { SIZES } from "./sizes";

const BLOCKING = new Set(["serious", "critical"]);

async function violations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ""))
    .map(
      (violation) =>
        `${label}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes
          .slice(0, 5)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

for (const size of SIZES) {
  for (const colorScheme of ["light", "dark"] as const) {
    test.describe(`accessibility (${size.name}, ${colorScheme})`, () => {
      test.use({ ...size.use, colorScheme });

      test("no serious or critical axe violations on any page", async ({ page, account }) => {
        test.setTimeout(180_000);
        expect(account.email).toContain("@");
        await createWorkflow(page, "Nightly backup", AIRFLOW_SCRIPT);
        const agent = await createWorkflow(page, "Research agent", LANGGRAPH_SCRIPT);
        const found: string[] = [];

        // Signed in
        await page.goto("/dashboard");
        await expect(page.getByRole("list", { name: "Workflows" }).getByRole("article")).toHaveCount(2);
        // The cards' drawings arrive as they near the viewport.
        await expect(page.getByRole("list", { name: "Workflows" }).getByRole("img")).toHaveCount(2, { timeout: 30_000 });
        found.push(...(await violations(page, "/dashboard")));
        await page.goto("/settings");
        await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
        found.push(...(await violations(page, "/settings")));
        await page.goto(`/workflows/${agent.id}`);
        if (size.name === "phone") {
          // One panel at a time on a phone: the Code tab first, then the Graph tab.
          await expect(page.locator(".cm-content")).toBeVisible({ timeout: 30_000 });
          found.push(...(await violations(page, "/workflows/[id] (code tab)")));
          await page.getByRole("tab", { name: "Graph" }).click();
        }
        await expect(page.locator(".react-flow__node").first()).toBeVisible({ timeout: 30_000 });
        found.push(...(await violations(page, "/workflows/[id]")));

        // Signed out
        await forgetSession(page);
        await page.goto("/");
        await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
        found.push(...(await violations(page, "/")));
        await page.goto("/login");
        await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
        found.push(...(await violations(page, "/login")));
        await page.goto("/signup");
        await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
        found.push(...(await violations(page, "/signup")));
        await page.goto("/editor");
        await expect(page.locator(".cm-content")).toBeVisible({ timeout: 30_000 });
        found.push(...(await violations(page, "/editor")));
        await page.goto("/no-such-page");
        await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
        found.push(...(await violations(page, "404")));

        expect(found).toEqual([]);
      });
    });
  }
}
