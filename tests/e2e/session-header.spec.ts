/**
 * The header learns who is signed in from our own session context (docs/decisions/107), not next-auth's provider:
 * it shows the account once the session is read, and a second tab follows a log-out in the first without a reload
 * (next-auth's localStorage message), as next-auth's provider did.
 */
import { expect, test } from "./fixtures";

test("a log-out in one tab signs the other tab's header out too, without a reload", async ({ page, account, context }) => {
  await page.goto("/dashboard");
  const accountButton = page.getByRole("banner").getByRole("button", { name: account.email });
  await expect(accountButton).toBeVisible();

  const other = await context.newPage();
  await other.goto("/settings");
  await expect(other.getByRole("banner").getByRole("button", { name: account.email })).toBeVisible();
  // Marks this document: if the page were reloaded, the mark would be gone.
  await other.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  await accountButton.click();
  await page.getByRole("menu", { name: "Account" }).getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

  await expect(other.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(other.getByRole("banner").getByRole("button", { name: account.email })).toHaveCount(0);
  expect(await other.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await other.close();
});
