/**
 * Sign up through the form → the banner → the verification mail (read from the server's mail folder: no SMTP_URL,
 * embedded database) → "Verify my email" → the banner is gone, also after logging out and in again. Signing up with a
 * taken address says only "Check your email".
 */
import { expect, logInWithForm, PASSWORD, test, uniqueEmail } from "./fixtures";
import { linkInMailTo, VERIFY_LINK } from "./mailbox";

test.describe("email verification", () => {
  test("sign up → banner → verification mail → verified → log in again, no banner", async ({ page, baseURL }) => {
    const account = { email: uniqueEmail("verify"), password: PASSWORD };
    await page.goto("/signup");
    const main = page.getByRole("main");
    await main.getByLabel("Email").fill(account.email);
    await main.getByLabel("Password").fill(account.password);
    await main.getByRole("button", { name: "Sign up" }).click();
    await expect(page).toHaveURL(`${baseURL}/dashboard`);

    const banner = page.getByRole("region", { name: "Email verification" });
    await expect(banner).toContainText("Verify your email");
    await expect(banner).toContainText(account.email);
    await banner.getByRole("button", { name: "Resend the link" }).click();
    await expect(page.getByText("We have sent you a new verification link.")).toBeVisible();

    let link: string | null = null;
    await expect.poll(async () => (link = await linkInMailTo(account.email, VERIFY_LINK))).not.toBeNull();
    await page.goto(link!);
    await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
    await page.getByRole("main").getByRole("button", { name: "Verify my email" }).click();
    await expect(page.getByRole("status").filter({ hasText: "is verified" })).toContainText(account.email);
    await expect(banner).toHaveCount(0);

    // The link works once.
    await page.goto(link!);
    await page.getByRole("main").getByRole("button", { name: "Verify my email" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();

    const accountButton = page.getByRole("banner").getByRole("button", { name: account.email });
    await accountButton.click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
    await logInWithForm(page, account);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("banner").getByRole("button", { name: account.email })).toBeVisible();
    await expect(banner).toHaveCount(0);
  });

  test("signing up with a taken address only says to check the email", async ({ page, account }) => {
    await page.context().clearCookies();
    await page.goto("/signup");
    const main = page.getByRole("main");
    await main.getByLabel("Email").fill(account.email);
    await main.getByLabel("Password").fill("a different passphrase entirely");
    await main.getByRole("button", { name: "Sign up" }).click();
    await expect(main.getByRole("status")).toContainText("Check your email to finish signing up");
    await expect(page).toHaveURL(/\/signup$/);
  });
});
