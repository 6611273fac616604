import { createWorkflow, expect, forgetSession, signIn, test } from "./fixtures";
import { AIRFLOW_SCRIPT, LANGGRAPH_SCRIPT, PREFECT_SCRIPT } from "./scripts";

test.describe("app shell", () => {
  test("keyboard only: skip link, then the account menu opens, moves, closes on Escape and returns focus", async ({ page, account }) => {
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "No workflows yet" })).toBeVisible();
    // The account button appears once the browser has read the session (after hydration); until then Shift+Tab
    // below would land on "New workflow" (a race on a loaded machine, not a focus bug).
    await expect(page.getByRole("banner").getByRole("button", { name: account.email })).toBeVisible();

    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator("#content")).toBeFocused();

    // Back to the top: product, Dashboard, New workflow, then the account button.
    await page.keyboard.press("Shift+Tab");
    const accountButton = page.getByRole("banner").getByRole("button", { name: account.email });
    await expect(accountButton).toBeFocused();
    await expect(accountButton).toHaveAttribute("aria-expanded", "false");

    await page.keyboard.press("Enter");
    await expect(accountButton).toHaveAttribute("aria-expanded", "true");
    const menu = page.getByRole("menu", { name: "Account" });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole("menuitem", { name: "Settings" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Log out" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Settings" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(menu.getByRole("menuitem", { name: "Log out" })).toBeFocused();

    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(accountButton).toBeFocused();

    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Settings" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();

    // The header's links are plain tab stops, in order, after the skip link.
    await page.reload();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("banner").getByRole("link", { name: "Workflow Studio" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("banner").getByRole("link", { name: "Dashboard" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("banner").getByRole("link", { name: "New workflow" })).toBeFocused();
  });

  test.describe("375 px wide", () => {
    test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

    test("the dashboard, settings and log-in pages never scroll sideways", async ({ page, account }) => {
      await createWorkflow(page, "Nightly backup of the production database with a very long name", AIRFLOW_SCRIPT);
      await createWorkflow(page, "Research agent", LANGGRAPH_SCRIPT);
      await createWorkflow(page, "Revenue report", PREFECT_SCRIPT);

      const noSidewaysScroll = async (path: string) => {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth, `${path} is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(clientWidth);
      };

      await noSidewaysScroll("/settings");
      const banner = page.getByRole("banner");
      await expect(banner.getByRole("link", { name: "Dashboard" })).toBeVisible();
      await expect(banner.getByRole("link", { name: "New workflow" })).toBeVisible();
      await expect(banner.getByRole("button", { name: account.email })).toBeVisible();

      await forgetSession(page);
      await noSidewaysScroll("/login");
      await noSidewaysScroll("/signup");
      await noSidewaysScroll("/");

      // Last, the dashboard (the final screen) signed in again.
      await signIn(page, account);
      await noSidewaysScroll("/dashboard");
      await expect(page.getByRole("list", { name: "Workflows" }).getByRole("article")).toHaveCount(3);
      await expect(page.getByRole("img", { name: "Graph of Research agent" })).toBeVisible();
    });
  });
});
