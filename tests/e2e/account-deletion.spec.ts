/**
 * Settings → "Download my data" gives a .zip holding the workflow's .py; Settings → "Delete account" asks for the
 * password (a wrong one is refused beside the field), deletes the account, leaves the browser signed out, and the
 * account cannot log in again; the confirmation mail is in the server's mail folder.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { fromBuffer, type Entry, type ZipFile } from "yauzl";
import { createWorkflow, expect, logInWithForm, test } from "./fixtures";

async function entries(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(bytes, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const files = new Map<string, string>();
  for await (const entry of zip.eachEntry() as AsyncIterable<Entry>) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
  }
  return files;
}

/** The subjects of the mail sent to `email`, read from the server's mail folder. */
async function subjectsFor(email: string): Promise<string[]> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is set by tests/e2e/global-setup.ts");
  const subjects: string[] = [];
  for (const file of (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(".eml"))) {
    const mail = await simpleParser(await readFile(join(dir, file)));
    const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(",") : (mail.to?.text ?? "");
    if (to.includes(email)) subjects.push(mail.subject ?? "");
  }
  return subjects;
}

test("download my data: the file arrives and is a zip with the workflow's .py", async ({ page, account }) => {
  test.setTimeout(90_000);
  expect(account.email).toContain("@"); // signed in by the fixture
  await createWorkflow(page, "Morning report", "print('good morning')\n");
  await page.goto("/settings");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data (.zip)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = await entries(await readFile((await download.path())!));
  expect(files.get("workflows/Morning report.py")).toBe("print('good morning')\n");
  expect(JSON.parse(files.get("workflows.json")!).workflows[0].name).toBe("Morning report");
  expect([...files.keys()]).toEqual(expect.arrayContaining(["account.json", "audit-events.json"]));
});

test("delete account: a wrong password is refused; then the account is gone and cannot log in", async ({ page, account }) => {
  test.setTimeout(90_000);
  await createWorkflow(page, "Soon gone", "print('bye')\n");
  await page.goto("/settings");
  await page.getByRole("button", { name: "Delete account…" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete your account?" });
  await expect(dialog).toBeVisible();

  await dialog.getByLabel("Your password").fill("certainly not the password");
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await expect(dialog.getByText("The password is not right.").first()).toBeVisible();

  await dialog.getByLabel("Your password").fill(account.password);
  await dialog.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/login\?deleted=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Your account was deleted" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

  await logInWithForm(page, account);
  await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password." })).toBeVisible();
  await expect.poll(() => subjectsFor(account.email)).toContain("Your Workflow Studio account was deleted");
});
