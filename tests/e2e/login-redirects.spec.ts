/**
 * Issue 14: log-in and log-out land where people expect, at desktop and phone size.
 * - With no destination, log-in goes to the dashboard; with one, back to that page; another site's URL as the
 *   destination is ignored (no open redirect).
 * - After a failed log-in, focus is on the message.
 * - On a server with no APP_URL on a port other than 3000, log-out lands on the app (APP_URL defaults to
 *   http://localhost:$PORT), not on "This site can't be reached".
 */
import { type Browser } from "@playwright/test";
import { type ExtraServer, startExtraServer } from "./extra-server";
import { type Account, expect, forgetSession, logInWithForm, PASSWORD, registerAccount, test, uniqueEmail } from "./fixtures";
import { SIZES } from "./sizes";

/** Logging in hashes a password (argon2id) and then loads a whole page: give it longer on a busy machine. */
const LOG_IN = { timeout: 30_000 };

for (const size of SIZES) {
  test.describe(`log-in destinations (${size.name})`, () => {
    test.use(size.use);

    test("with no destination, log-in lands on the dashboard; a failed one puts focus on the message", async ({ page }) => {
      const account = await registerAccount(page.request, "dest");
      await logInWithForm(page, { email: account.email, password: "not the right password" });
      const message = page.getByRole("alert").filter({ hasText: "Invalid email or password." });
      await expect(message).toBeVisible();
      await expect(message).toBeFocused();

      await page.getByRole("main").getByLabel("Password").fill(account.password);
      await page.getByRole("main").getByRole("button", { name: "Log in" }).click();
      await expect(page).toHaveURL(/\/dashboard$/, LOG_IN);
      await expect(page.getByRole("heading", { name: "No workflows yet" })).toBeVisible();
    });

    test("the header's Log in on the home page leads to the dashboard; from another page, back to it", async ({ page }) => {
      const account = await registerAccount(page.request, "back");
      await page.goto("/");
      await page.getByRole("banner").getByRole("link", { name: "Log in" }).click();
      await expect(page).toHaveURL(/\/login$/);
      await logInWithForm(page, account, "/login?callbackUrl=%2Fsettings");
      await expect(page).toHaveURL(/\/settings$/, LOG_IN);
      await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
    });

    test("another site as the destination stays on the app", async ({ page, baseURL }) => {
      test.setTimeout(180_000); // three log-ins
      const account = await registerAccount(page.request, "evil");
      for (const evil of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
        await forgetSession(page);
        await logInWithForm(page, account, `/login?callbackUrl=${encodeURIComponent(evil)}`);
        await expect(page).toHaveURL(`${baseURL}/dashboard`, LOG_IN);
      }
      // The sign-up link does not carry it on either.
      await forgetSession(page);
      await page.goto(`/login?callbackUrl=${encodeURIComponent("https://evil.example/")}`);
      await expect(page.getByRole("main").getByRole("link", { name: "Sign up" })).toHaveAttribute("href", "/signup");
    });
  });
}

test.describe("log-out on a server with no APP_URL on a random port", () => {
  test.describe.configure({ mode: "serial" });
  let server: ExtraServer;
  let origin: string;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    server = await startExtraServer({}, ["APP_URL", "HOST"]);
    origin = `http://localhost:${server.port}`;
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  async function logInAndOut(browser: Browser, use: (typeof SIZES)[number]["use"]) {
    const context = await browser.newContext({ ...use, baseURL: origin });
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on("pageerror", (error) => errors.push(error));
    const account: Account = { email: uniqueEmail("port"), password: PASSWORD };
    const registered = await page.request.post("/api/auth/register", { data: account, headers: { origin } });
    // 202 "Check your email…" (decision 099); an unverified account logs in all the same.
    expect(registered.status(), await registered.text()).toBe(202);

    await logInWithForm(page, account);
    await expect(page).toHaveURL(`${origin}/dashboard`, LOG_IN);
    const accountButton = page.getByRole("banner").getByRole("button", { name: account.email });
    await accountButton.click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    // Back on the app's home page, on this port, signed out.
    await expect(page).toHaveURL(`${origin}/`, LOG_IN);
    await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
    expect(errors.map((error) => error.message)).toEqual([]);
    await context.close();
  }

  for (const size of SIZES) {
    test(`logs out onto the app (${size.name})`, async ({ browser }) => {
      test.setTimeout(180_000); // a fresh server's first pages, a log-in and a log-out
      expect(server.port).not.toBe(3000);
      await logInAndOut(browser, size.use);
    });
  }
});
