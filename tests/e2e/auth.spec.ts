import { expect, logInWithForm, registerAccount, test } from "./fixtures";

test.describe("accounts", () => {
  test("a wrong password gets the generic message; after logging out, /dashboard sends to /login", async ({ page }) => {
    const account = await registerAccount(page.request, "wrongpw");

    await logInWithForm(page, { email: account.email, password: "not the right password" });
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    // The fields keep what was typed, so a person can fix the password only.
    await expect(page.getByRole("main").getByLabel("Email")).toHaveValue(account.email);

    const password = page.getByRole("main").getByLabel("Password");
    await password.fill(account.password);
    await page.getByRole("main").getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    const accountButton = page.getByRole("banner").getByRole("button", { name: account.email });
    await expect(accountButton).toBeVisible();

    await accountButton.click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  });

  test("the log-in page's sign-up link keeps where to go afterwards, and back", async ({ page }) => {
    await page.goto("/login?callbackUrl=%2Fsettings");
    const signUp = page.getByRole("main").getByRole("link", { name: "Sign up" });
    await expect(signUp).toHaveAttribute("href", "/signup?callbackUrl=%2Fsettings");
    await signUp.click();
    await expect(page).toHaveURL(/\/signup\?callbackUrl=%2Fsettings$/);
    await expect(page.getByRole("main").getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login?callbackUrl=%2Fsettings");
  });
});
