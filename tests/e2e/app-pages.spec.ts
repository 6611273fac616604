/**
 * Issue 14's small things, at desktop and phone size: the app's own icons (an SVG favicon and a PNG home-screen icon
 * through Next's file conventions), a branded 404 inside the app's frame, and a phone layout of the shell and the
 * dashboard with touch targets of at least 44 px and nothing wider than the screen; and the API's own 404 for an
 * address under /api/ that nothing serves.
 */
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { createWorkflow, expect, forgetSession, test } from "./fixtures";
import { LANGGRAPH_SCRIPT } from "./scripts";
import { SIZES } from "./sizes";

async function noSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

async function atLeast44(targets: Locator) {
  for (const target of await targets.all()) {
    if (!(await target.isVisible())) continue;
    const box = (await target.boundingBox())!;
    const name = (await target.getAttribute("aria-label")) ?? (await target.innerText());
    expect(box.height, `“${name}” is ${box.height}px tall`).toBeGreaterThanOrEqual(44);
    expect(box.width, `“${name}” is ${box.width}px wide`).toBeGreaterThanOrEqual(44);
  }
}

test.describe("icons", () => {
  test("every page names an SVG favicon and a 180×180 PNG home-screen icon of our own", async ({ page, request }) => {
    await page.goto("/");
    const icon = page.locator('head link[rel="icon"][type="image/svg+xml"]');
    await expect(icon).toHaveCount(1);
    const iconUrl = (await icon.getAttribute("href"))!;
    const svg = await request.get(iconUrl);
    expect(svg.ok()).toBe(true);
    expect(svg.headers()["content-type"]).toContain("image/svg+xml");
    expect(await svg.text()).toContain("<svg");

    const apple = page.locator('head link[rel="apple-touch-icon"]');
    await expect(apple).toHaveCount(1);
    const png = await request.get((await apple.getAttribute("href"))!);
    expect(png.ok()).toBe(true);
    expect(png.headers()["content-type"]).toBe("image/png");
    const bytes = await png.body();
    expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([180, 180]);
  });
});

test.describe("the API's unknown addresses", () => {
  test("an address under /api/ that no route serves answers 404 in the API's error shape, not a page", async ({ request }) => {
    for (const path of ["/api/shared/", "/api/no-such-route"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(response.headers()["content-type"], path).toContain("application/json");
      const body = (await response.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code, path).toBe("NOT_FOUND");
      expect(body.error.requestId, path).toBe(response.headers()["x-request-id"]);
    }
  });
});

for (const size of SIZES) {
  test.describe(`app pages (${size.name})`, () => {
    test.use(size.use);

    test("an unknown address and a workflow that is not there get the app's own 404, in its frame", async ({ page, account }) => {
      expect(account.email).toContain("@");
      const response = await page.goto("/no-such-page");
      expect(response!.status()).toBe(404);
      await expect(page).toHaveTitle("Page not found · Workflow Studio");
      await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
      await expect(page.getByRole("banner").getByRole("link", { name: "Workflow Studio" })).toBeVisible();
      await noSidewaysScroll(page);
      await page.getByRole("link", { name: "Go to your workflows" }).click();
      await expect(page).toHaveURL(/\/dashboard$/);

      const missing = await page.goto(`/workflows/${randomUUID()}`);
      expect(missing!.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    });

    test("the shell and the dashboard fit the screen, with touch-sized targets on a phone", async ({ page, account }) => {
      test.setTimeout(180_000); // seven page loads
      expect(account.email).toContain("@");
      await createWorkflow(page, "Research agent", LANGGRAPH_SCRIPT);
      for (const path of ["/", "/dashboard", "/settings"]) {
        await page.goto(path);
        await expect(page.getByRole("banner")).toBeVisible();
        await noSidewaysScroll(page);
      }
      await page.goto("/dashboard");
      await expect(page.getByRole("list", { name: "Workflows" }).getByRole("article")).toHaveCount(1);
      if (size.name === "phone") {
        await atLeast44(page.getByRole("banner").locator("a:not(.sr-only), button"));
        await atLeast44(page.getByRole("main").getByRole("button"));
        await atLeast44(page.getByRole("main").getByRole("combobox"));
      }

      await forgetSession(page);
      for (const path of ["/", "/login", "/signup"]) {
        await page.goto(path);
        await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
        await noSidewaysScroll(page);
        if (size.name === "phone") await atLeast44(page.getByRole("banner").locator("a:not(.sr-only), button"));
      }
    });
  });
}
