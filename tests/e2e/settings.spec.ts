import { expect, logInWithForm, PASSWORD, registerAccount, signIn, test } from "./fixtures";

test.describe("settings", () => {
  test("change password: a wrong current password is refused, the right one changes it", async ({ page, account, browser, baseURL }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
    await expect(page.getByRole("main").getByText(account.email)).toBeVisible();

    const current = page.getByLabel("Current password");
    const next = page.getByLabel("New password");
    const submit = page.getByRole("button", { name: "Change password" });

    await current.fill("definitely not it");
    await next.fill("a brand new passphrase");
    await submit.click();
    await expect(page.getByRole("alert").filter({ hasText: "The current password is not right." })).toBeVisible();
    await expect(current).toHaveAttribute("aria-invalid", "true");

    // Too short a new password never leaves the browser.
    await current.fill(PASSWORD);
    await next.fill("short");
    await submit.click();
    await expect(page.getByText("A password has at least 8 characters.")).toBeVisible();

    await next.fill("a brand new passphrase");
    await submit.click();
    await expect(page.getByText("Password changed")).toBeVisible();
    await expect(current).toHaveValue("");

    // This session stays; the new password logs in elsewhere and the old one no longer does.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
    const other = await browser.newContext({ baseURL: baseURL! });
    const otherPage = await other.newPage();
    await logInWithForm(otherPage, { email: account.email, password: PASSWORD });
    await expect(otherPage.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
    await logInWithForm(otherPage, { email: account.email, password: "a brand new passphrase" });
    await expect(otherPage).toHaveURL(/\/dashboard$/);
    await other.close();
  });

  test("log out everywhere ends this session and the others", async ({ page, browser, baseURL }) => {
    const account = await registerAccount(page.request, "everywhere");
    await signIn(page, account);
    const other = await browser.newContext({ baseURL: baseURL! });
    const otherPage = await other.newPage();
    await signIn(otherPage, account);
    await otherPage.goto("/dashboard");
    await expect(otherPage.getByRole("heading", { name: "Your workflows" })).toBeVisible();

    await page.goto("/settings");
    await page.getByRole("button", { name: "Log out everywhere" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Log out everywhere?" });
    await expect(dialog).toBeVisible();
    // Cancel keeps everything as it was.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole("button", { name: "Log out everywhere" }).click();
    await dialog.getByRole("button", { name: "Log out everywhere" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

    await otherPage.goto("/dashboard");
    await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
    await other.close();
  });
});
