/**
 * Forgot password → the mail (read from the server's mail folder: no SMTP_URL, embedded database; /dev/mailbox is
 * not served in production) → a new password → logged in; the old password is refused.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { expect, logInWithForm, registerAccount, test } from "./fixtures";

/** The reset link in the newest mail to `email` in the server's mail folder, or null while none has arrived. */
async function resetLinkFor(email: string): Promise<string | null> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is set by tests/e2e/global-setup.ts");
  const files = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(".eml")).sort().reverse();
  for (const file of files) {
    const mail = await simpleParser(await readFile(join(dir, file)));
    const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(",") : (mail.to?.text ?? "");
    if (!to.includes(email)) continue;
    return /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text ?? "")?.[0] ?? null;
  }
  return null;
}

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
