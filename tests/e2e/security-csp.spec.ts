/**
 * Issue 12 §5 in Chromium: every page runs under a Content-Security-Policy whose scripts need the response's own
 * nonce (no 'unsafe-inline'), works (hydrates and responds to input) and reports no CSP violation; an inline script
 * injected into a page's HTML does not run, nor do event handlers or javascript: URLs added later. Also: the browser bundles
 * of the sign-up and settings pages carry neither the common-password list nor the user-agent parser.
 */
import type { Page, Response } from "@playwright/test";
import { createWorkflow, expect, registerAccount, signIn, test } from "./fixtures";
import { LANGGRAPH_NODES, LANGGRAPH_SCRIPT } from "./scripts";

declare global {
  interface Window {
    __injected?: number;
  }
}

/**
 * Records every CSP violation of the page, on every document it loads, from before its first script runs: the
 * `securitypolicyviolation` events ("<directive> <blocked>") and the console's CSP messages.
 */
async function watchViolations(page: Page): Promise<{ events: string[]; console: string[] }> {
  const seen = { events: [] as string[], console: [] as string[] };
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.console.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (line: string) => seen.events.push(line));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (line: string) => void }).__reportCspViolation;
      report(`${event.effectiveDirective} ${event.blockedURI || "inline"}`);
    });
  });
  return seen;
}

/** The policy of a page response: script-src with a nonce and 'strict-dynamic', never 'unsafe-inline'. */
function expectNoncePolicy(response: Response | null): string {
  expect(response, "a document response").not.toBeNull();
  const csp = response!.headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
  expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}' 'strict-dynamic'$/);
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()["strict-transport-security"], "no HSTS over http").toBeUndefined();
  return /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
}

/** The App Router has booted: its scripts ran (they set `window.next`). */
async function expectHydrated(page: Page) {
  await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version), undefined, { timeout: 15_000 });
}

test.describe("content security policy", () => {
  test("every page works under a nonce policy, with no violation", async ({ page, account }) => {
    const violations = await watchViolations(page);
    const saved = await createWorkflow(page, "CSP check", LANGGRAPH_SCRIPT);
    const nonces = new Set<string>();

    // Home
    nonces.add(expectNoncePolicy(await page.goto("/")));
    await expectHydrated(page);
    await expect(page.getByRole("link", { name: "Open the editor" }).first()).toBeVisible();

    // Editor: CodeMirror and React Flow draw a typed script
    nonces.add(expectNoncePolicy(await page.goto("/editor")));
    await expectHydrated(page);
    await page.getByTestId("code-editor").locator(".cm-content").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(LANGGRAPH_SCRIPT);
    for (const label of LANGGRAPH_NODES) {
      await expect(page.getByTestId("graph-view").locator(".react-flow__node").filter({ hasText: label }).first()).toBeVisible();
    }

    // A saved workflow
    nonces.add(expectNoncePolicy(await page.goto(`/workflows/${saved.id}`)));
    await expectHydrated(page);
    await expect(page.getByLabel("Workflow name")).toHaveValue("CSP check");
    await expect(page.getByTestId("graph-view").locator(".react-flow__node").first()).toBeVisible();

    // Dashboard
    nonces.add(expectNoncePolicy(await page.goto("/dashboard")));
    await expectHydrated(page);
    await expect(page.getByRole("list", { name: "Workflows" }).getByRole("article", { name: "CSP check" })).toBeVisible();

    // Settings: the sessions list, and a form validated in the browser
    nonces.add(expectNoncePolicy(await page.goto("/settings")));
    await expectHydrated(page);
    const sessions = page.getByRole("list", { name: "Active sessions" });
    await expect(sessions.getByRole("listitem").filter({ hasText: "This device" })).toBeVisible();
    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("A password has at least 8 characters.")).toBeVisible();

    // Log-in and sign-up, signed out
    await page.context().clearCookies();
    for (const path of ["/login", "/signup"]) {
      nonces.add(expectNoncePolicy(await page.goto(path)));
      await expectHydrated(page);
      await page.getByRole("main").getByRole("button", { name: path === "/login" ? "Log in" : "Sign up" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Check the highlighted fields." })).toBeVisible();
    }

    expect(nonces.size, "a fresh nonce for each page load").toBe(7);
    expect(violations.events).toEqual([]);
    expect(violations.console).toEqual([]);
  });

  test("an inline script injected into the page's HTML does not run; the page still works", async ({ page }) => {
    const violations = await watchViolations(page);
    await page.route("**/login", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace("</body>", "<script>window.__injected = 1</script></body>");
      await route.fulfill({ response, body: html });
    });
    expectNoncePolicy(await page.goto("/login"));
    await expectHydrated(page);
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    await expect.poll(() => violations.events).toEqual([expect.stringMatching(/^script-src-elem inline$/)]);
    // The app's own (nonced) scripts ran: the form validates in the browser.
    await page.getByRole("main").getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Check the highlighted fields." })).toBeVisible();
  });

  test("markup injected into the DOM later runs no script: event handlers and javascript: URLs are blocked", async ({ page }) => {
    // What an HTML sink (innerHTML with someone's text) would let in. ('strict-dynamic' trusts script elements the
    // page's own nonced scripts create — by design; the app never builds one from data, and React cannot.)
    const violations = await watchViolations(page);
    await page.goto("/");
    await expectHydrated(page);
    await page.evaluate(() => {
      const holder = document.createElement("div");
      holder.innerHTML = [
        `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__injected = 1" alt="">`,
        `<a id="injected-link" href="javascript:window.__injected = 2">a link</a>`,
      ].join("");
      document.body.append(holder);
    });
    await page.locator("#injected-link").click();
    await expect.poll(() => [...violations.events].sort()).toEqual(["script-src-attr inline", "script-src-elem inline"]);
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
  });

  test("the sign-up and settings pages load neither the common-password list nor the user-agent parser", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL: baseURL! });
    const page = await context.newPage();
    const bodies: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") bodies.push(response.text().catch(() => ""));
    });
    await page.goto("/signup");
    await expectHydrated(page);
    const account = await registerAccount(page.request, "bundles");
    await signIn(page, account);
    await page.goto("/settings");
    await expectHydrated(page);
    await page.waitForLoadState("networkidle");
    const scripts = await Promise.all(bodies);
    expect(scripts.length).toBeGreaterThan(3);
    // The list ships compressed in its package: "A123456ApasswordA12345678Aqwerty…"; bowser names its parsers.
    expect(scripts.filter((body) => body.includes("ApasswordA12345678"))).toEqual([]);
    expect(scripts.filter((body) => /PlayStation|BlackBerry|Bowser/.test(body))).toEqual([]);
    await context.close();
  });
});
