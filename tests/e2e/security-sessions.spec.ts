/**
 * Issue 12 §4 in the browser: Settings → Sessions lists where the account is signed in, marks this device, and
 * "Log out this session" ends another browser's session at once — its next page load goes to the log-in page.
 */
import { expect, registerAccount, signIn, test } from "./fixtures";

test.describe("settings: sessions", () => {
  test("lists this browser and another, and logs the other one out", async ({ page, browser, baseURL }) => {
    const account = await registerAccount(page.request, "sessions");
    const other = await browser.newContext({
      baseURL: baseURL!,
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    });
    const otherPage = await other.newPage();
    await signIn(otherPage, account);
    await signIn(page, account);

    await page.goto("/settings");
    const list = page.getByRole("list", { name: "Active sessions" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    const mine = list.getByRole("listitem").filter({ hasText: "This device" });
    await expect(mine).toContainText(/Chrome \d+ on \w+/); // Playwright's "Desktop Chrome" device
    const phone = list.getByRole("listitem").filter({ hasText: "Safari 17 on iOS" });
    await expect(phone).toContainText(/Signed in .+ · Last used/);
    await expect(phone).not.toContainText("This device");

    await phone.getByRole("button", { name: "Log out this session" }).click();
    await expect(page.getByText("Session logged out")).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(1);

    // The phone's next page load: the session is gone.
    await otherPage.goto("/dashboard");
    await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
    await other.close();

    // Logging out this device's own session signs this browser out.
    await mine.getByRole("button", { name: "Log out this session" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings/);
  });
});
