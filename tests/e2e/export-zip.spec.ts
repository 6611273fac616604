/** Export all as a .zip from the dashboard, and import it back: the same archive creates nothing new. */
import { readFile } from "node:fs/promises";
import { createWorkflow, expect, listWorkflows, test } from "./fixtures";

test("export all as a .zip, then import it back: already there", async ({ page, account }) => {
  test.setTimeout(120_000);
  expect(account.email).toContain("@");
  await createWorkflow(page, "Nightly load", "print('load')\r\n");
  await createWorkflow(page, "Report", "print('report')\n");
  await page.goto("/dashboard");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export all (.zip)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^workflows-\d{4}-\d{2}-\d{2}\.zip$/);
  const archive = await readFile((await download.path())!);

  await page.getByTestId("import-input").setInputFiles([{ name: download.suggestedFilename(), mimeType: "application/zip", buffer: archive }]);
  await expect(page.getByText("0 imported, 2 already there")).toBeVisible();
  expect((await listWorkflows(page)).map((w) => w.name).sort()).toEqual(["Nightly load", "Report"]);
});
