/**
 * Issue 12 §3 in the browser: the sign-up and change-password forms say why a password is refused — too common (the
 * server's answer, shown beside the field), made of the email, or only spaces (both said before sending).
 */
import { PASSWORD_MENTIONS_EMAIL, PASSWORD_ONLY_WHITESPACE, PASSWORD_TOO_COMMON } from "../../src/lib/validation/password-rules";
import { expect, test, uniqueEmail } from "./fixtures";

test.describe("password policy in the forms", () => {
  test("sign-up refuses a common password, the email's name and spaces, then accepts a passphrase", async ({ page, baseURL }) => {
    const email = uniqueEmail("policy");
    await page.goto("/signup");
    const main = page.getByRole("main");
    const password = main.getByLabel("Password");
    await main.getByLabel("Email").fill(email);

    await password.fill("iloveyou");
    await main.getByRole("button", { name: "Sign up" }).click();
    await expect(main.getByText(PASSWORD_TOO_COMMON)).toBeVisible();
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/signup$/);

    await password.fill(`${email.split("@")[0]} rocks`);
    await main.getByRole("button", { name: "Sign up" }).click();
    await expect(main.getByText(PASSWORD_MENTIONS_EMAIL)).toBeVisible();

    await password.fill("         ");
    await main.getByRole("button", { name: "Sign up" }).click();
    await expect(main.getByText(PASSWORD_ONLY_WHITESPACE)).toBeVisible();

    await password.fill("a walrus in a hammock");
    await main.getByRole("button", { name: "Sign up" }).click();
    await expect(page).toHaveURL(`${baseURL}/dashboard`);
  });

  test("change password refuses a common new password and says why", async ({ page, account }) => {
    await page.goto("/settings");
    await page.getByLabel("Current password").fill(account.password);
    const next = page.getByLabel("New password");
    await next.fill("baseball");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(PASSWORD_TOO_COMMON)).toBeVisible();
    await expect(next).toHaveAttribute("aria-invalid", "true");
    await next.fill(`${account.email.split("@")[0]}!`);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(PASSWORD_MENTIONS_EMAIL)).toBeVisible();
  });
});
