/**
 * Playwright fixtures for the browser tests (in the spirit of epic-stack's tests/playwright-utils.ts):
 * - every test is its own client (a distinct X-Forwarded-For address; the server trusts one proxy hop);
 * - `account` registers a fresh person through the API and signs them in through next-auth's credentials
 *   endpoint, so only one test needs to go through the real sign-up form;
 * - every test ends with a full-page screenshot of its final screen in test-results/e2e/<test>.png;
 * - an uncaught exception in a page fails the test.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_BASE_URL, SCREENSHOT_DIR } from "./env";
import { linkInMailTo, VERIFY_LINK } from "./mailbox";

export { expect };

export interface Account {
  email: string;
  password: string;
}

export function uniqueEmail(tag = "user"): string {
  return `e2e-${tag}-${randomUUID().slice(0, 8)}@example.com`;
}

export const PASSWORD = "correct horse battery staple";

/** Mutations with a cookie must come from our own origin (the server's same-origin check). */
const ORIGIN = { origin: E2E_BASE_URL };

/**
 * Signs a fresh person up through the API (202 "Check your email…", decision 099) and, unless `verified: false`,
 * verifies their email with the link from the mail the server wrote — so the other tests see a verified account, with
 * no banner and no workflow limit. tests/e2e/email-verification.spec.ts goes through the real pages instead.
 */
export async function registerAccount(request: APIRequestContext, tag = "user", options: { verified?: boolean } = {}): Promise<Account> {
  const account = { email: uniqueEmail(tag), password: PASSWORD };
  const response = await request.post("/api/auth/register", { data: account, headers: ORIGIN });
  expect(response.status(), await response.text()).toBe(202);
  if (options.verified !== false) await verifyByMail(request, account.email);
  return account;
}

/** Verifies `email` with the link in the verification mail the server wrote to its mail folder. */
export async function verifyByMail(request: APIRequestContext, email: string): Promise<void> {
  let link: string | null = null;
  await expect.poll(async () => (link = await linkInMailTo(email, VERIFY_LINK)), { message: "the verification mail" }).not.toBeNull();
  const token = new URL(link!).searchParams.get("token");
  const verified = await request.post("/api/auth/email/verify", { data: { token }, headers: ORIGIN });
  expect(verified.status(), await verified.text()).toBe(200);
}

/** Signs the page's browser context in, as the log-in form does, without drawing the form. */
export async function signIn(page: Page, account: Account): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, callbackUrl: `${E2E_BASE_URL}/`, json: "true" },
    headers: ORIGIN,
  });
  expect(response.ok(), `sign-in answered ${response.status()}`).toBe(true);
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session?.user?.email, "signed in through next-auth").toBe(account.email);
}

/**
 * Signs the browser out by forgetting its cookies — once no request of the open page can still bring a session back:
 * next-auth renews its cookie on every session read (JWT strategy), so a read still in flight when the cookies are
 * cleared would sign the browser in again (the header then shows the account menu on a "signed-out" page).
 */
export async function forgetSession(page: Page): Promise<void> {
  await page.goto("about:blank"); // unloads the page: its requests are cancelled or done
  await page.context().clearCookies();
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: unknown } | null;
  expect(session?.user, "signed out").toBeUndefined();
}

/** Logs in through the real form. */
export async function logInWithForm(page: Page, account: Account, path = "/login"): Promise<void> {
  await page.goto(path);
  const main = page.getByRole("main");
  await main.getByLabel("Email").fill(account.email);
  await main.getByLabel("Password").fill(account.password);
  await main.getByRole("button", { name: "Log in" }).click();
}

export interface CreatedWorkflow {
  id: string;
  name: string;
  version: number;
}

/** Creates a workflow as the page's signed-in person (REST, the same procedures as the editor). */
export async function createWorkflow(page: Page, name: string, code: string): Promise<CreatedWorkflow> {
  const response = await page.request.post("/api/workflows", { data: { name, code }, headers: ORIGIN });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as CreatedWorkflow;
}

export async function listWorkflows(page: Page): Promise<{ id: string; name: string; version: number }[]> {
  const response = await page.request.get("/api/workflows?limit=100");
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: { id: string; name: string; version: number }[] }).items;
}

export async function getWorkflowCode(page: Page, id: string): Promise<string> {
  const response = await page.request.get(`/api/workflows/${id}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { code: string }).code;
}

/** 10.x.y.z derived from the test's id: a client address of its own. */
function clientAddress(testId: string): string {
  const bytes = createHash("sha256").update(testId).digest();
  return `10.${bytes[0]}.${bytes[1]}.${(bytes[2]! % 254) + 1}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 100);
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return `${SCREENSHOT_DIR}/${slug(name)}.png`;
}

interface Fixtures {
  account: Account;
  /** The page whose final screen is saved; a test with several pages points it at the one to keep. */
  finalScreen: { page: Page };
  pageErrors: Error[];
}

export const test = base.extend<Fixtures>({
  extraHTTPHeaders: async ({}, provide, testInfo) => {
    await provide({ "x-forwarded-for": clientAddress(testInfo.testId) });
  },

  pageErrors: [
    async ({ page }, provide) => {
      const errors: Error[] = [];
      page.on("pageerror", (error) => errors.push(error));
      await provide(errors);
      expect(errors.map((error) => error.message), "uncaught exceptions in the page").toEqual([]);
    },
    { auto: true },
  ],

  finalScreen: [
    async ({ page }, provide, testInfo) => {
      const holder = { page };
      await provide(holder);
      const path = screenshotPath(testInfo.titlePath.slice(1).join(" "));
      try {
        await holder.page.screenshot({ path, fullPage: true, animations: "disabled" });
        await testInfo.attach("final screen", { path, contentType: "image/png" });
      } catch {
        // the page is gone (closed by the test): nothing to keep
      }
    },
    { auto: true },
  ],

  account: async ({ page }, provide, testInfo) => {
    const account = await registerAccount(page.request, slug(testInfo.title).slice(0, 12));
    await signIn(page, account);
    await provide(account);
  },
});
