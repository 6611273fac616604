/**
 * Read-only share links in the browser (docs/decisions/090): the owner makes a link in the editor's Share dialog; a
 * fresh browser with no cookies opens it and sees the name, code and graph, read-only, marked noindex, with no
 * Referer; revoked in Settings, it answers the same 404 page as a mistyped link. The phone size shows it usably.
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { E2E_BASE_URL } from "./env";
import { createWorkflow, expect, test } from "./fixtures";
import { DESKTOP, PHONE, type ScreenSize } from "./sizes";

const ORIGIN = { origin: E2E_BASE_URL };
const CODE = `from prefect import flow, task


@task
def extract():
    return [1, 2, 3]


@task
def load(rows):
    print(rows)


@flow
def nightly_report():
    load(extract())
`;

/** A browser that has never signed in, as the person the link was sent to. */
async function stranger(browser: Browser, size: ScreenSize, address: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...size.use, baseURL: E2E_BASE_URL, extraHTTPHeaders: { "x-forwarded-for": address } });
  expect(await context.cookies()).toEqual([]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, errors };
}

async function expectSharedWorkflow(page: Page, email: string) {
  await expect(page.getByRole("heading", { level: 1, name: "Nightly report" })).toBeVisible();
  await expect(page.getByText("Read-only", { exact: true })).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  expect(await page.content()).not.toContain(email);
}

test.describe("share links", () => {
  test.describe.configure({ timeout: 120_000 });

  test.describe(DESKTOP.name, () => {
    test.use(DESKTOP.use);

    test("make a link in the editor, open it in a fresh browser, revoke it in Settings", async ({ page, account, browser, finalScreen }) => {
      const saved = await createWorkflow(page, "Nightly report", CODE);
      await page.goto(`/workflows/${saved.id}`);
      await page.getByRole("button", { name: "Share", exact: true }).click({ timeout: 30_000 });
      const dialog = page.getByRole("dialog", { name: "Share read-only" });
      await dialog.getByLabel("Expires after").selectOption("30d");
      await dialog.getByRole("button", { name: "Create link" }).click();
      const linkField = dialog.getByLabel(/Your new link/);
      await expect(linkField).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
      const url = await linkField.inputValue();
      expect(url.startsWith(`${E2E_BASE_URL}/s/`)).toBe(true);
      await expect(dialog.getByTestId("share-link")).toHaveCount(1);
      await expect(dialog.getByTestId("share-link")).toContainText("latest saved version");

      const visitor = await stranger(browser, DESKTOP, "10.250.1.1");
      const response = await visitor.page.goto(url);
      expect(response?.status()).toBe(200);
      const headers = response!.headers();
      expect(headers["x-robots-tag"]).toContain("noindex");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      await expectSharedWorkflow(visitor.page, account.email);
      // The code is there, and typing into it changes nothing.
      const code = visitor.page.getByRole("textbox", { name: "Python workflow script (read-only)" });
      await expect(code).toContainText("def nightly_report():");
      await code.click();
      await visitor.page.keyboard.type("zzz_typed");
      await expect(code).not.toContainText("zzz_typed");
      // The graph: the flow and its two tasks.
      await expect(visitor.page.getByTestId("graph-view").locator(".react-flow__node")).not.toHaveCount(0);
      await expect(visitor.page.getByTestId("graph-view")).toContainText("extract");
      expect(visitor.errors).toEqual([]);

      // Settings lists it with the workflow's name; revoking it there ends it.
      await page.goto("/settings");
      const links = page.getByRole("list", { name: "Shared links" });
      await expect(links.getByTestId("share-link")).toHaveCount(1);
      await expect(links).toContainText("Nightly report");
      await links.getByRole("button", { name: "Revoke" }).click();
      await expect(page.getByText("You have not shared any workflow.")).toBeVisible();

      const revoked = await visitor.page.goto(url);
      expect(revoked?.status()).toBe(404);
      await expect(visitor.page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
      const wrong = await visitor.page.goto(url.replace(/.{4}$/, "AAAA"));
      expect(wrong?.status()).toBe(404);
      await expect(visitor.page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
      expect(wrong!.headers()["x-robots-tag"]).toBe(revoked!.headers()["x-robots-tag"]);
      finalScreen.page = visitor.page;
    });
  });

  test.describe(PHONE.name, () => {
    test.use(PHONE.use);

    test("the shared page on a phone: the name, the code, then the graph tab", async ({ page, account, browser, finalScreen }) => {
      const saved = await createWorkflow(page, "Nightly report", CODE);
      const made = await page.request.post(`/api/workflows/${saved.id}/shares`, { data: { expiresIn: "1d", version: 1 }, headers: ORIGIN });
      expect(made.status()).toBe(201);
      const { path } = (await made.json()) as { path: string };

      const visitor = await stranger(browser, PHONE, "10.250.2.2");
      expect((await visitor.page.goto(path))?.status()).toBe(200);
      await expectSharedWorkflow(visitor.page, account.email);
      await expect(visitor.page.getByText(/version 1 \(this version only\)/)).toBeVisible();
      await expect(visitor.page.getByRole("textbox", { name: "Python workflow script (read-only)" })).toContainText("@flow");
      await visitor.page.getByRole("tab", { name: "Graph" }).click();
      await expect(visitor.page.getByTestId("graph-view").locator(".react-flow__node")).not.toHaveCount(0);
      // Nothing wider than the phone's screen.
      expect(await visitor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(visitor.errors).toEqual([]);
      finalScreen.page = visitor.page;
    });
  });
});
