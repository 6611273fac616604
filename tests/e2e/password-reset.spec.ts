/**
 * Forgot password → the mail (read from the server's mail folder: no SMTP_URL, embedded database; /dev/mailbox is
 * not served in production) → a new password → logged in; the old password is refused.
 */
import { expect, logInWithForm, registerAccount, test } from "./fixtures";
import { linkInMailTo, RESET_LINK } from "./mailbox";

/** The reset link in the newest mail to `email`, or null while none has arrived. */
const resetLinkFor = (email: string) => linkInMailTo(email, RESET_LINK);

test.describe("password reset", () => {
  test("forgot password → mail → new password → logged in; the old password is refused", async ({ page }) => {
    const account = await registerAccount(page.request, "reset");

    await page.goto("/login");
    await page.getByRole("main").getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByRole("main").getByLabel("Email").fill(account.email);
    await page.getByRole("main").getByRole("button", { name: "Send me a reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account uses this email");

    let link: string | null = null;
    await expect.poll(async () => (link = await resetLinkFor(account.email))).not.toBeNull();
    await page.goto(link!);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    const newPassword = "a fresh passphrase after forgetting";
    await page.getByRole("main").getByLabel("New password").fill(newPassword);
    await page.getByRole("main").getByRole("button", { name: "Set new password and log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    const accountButton = page.getByRole("banner").getByRole("button", { name: account.email });
    await expect(accountButton).toBeVisible();

    await accountButton.click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

    await logInWithForm(page, account);
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
    await logInWithForm(page, { email: account.email, password: newPassword });
    await expect(page).toHaveURL(/\/dashboard$/);

    // The link worked once.
    await page.goto(link!);
    await page.getByRole("main").getByLabel("New password").fill("one more passphrase, refused");
    await page.getByRole("main").getByRole("button", { name: "Set new password and log in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  });
});
