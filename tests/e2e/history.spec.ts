/** Keeping work safe in the browser: history → diff → restore, delete → undo, the trash, importing .py files. */
import { E2E_BASE_URL } from "./env";
import { createWorkflow, expect, getWorkflowCode, listWorkflows, test } from "./fixtures";

const ORIGIN = { origin: E2E_BASE_URL };

test.describe("history, trash and files", () => {
  // Several round trips each, through the UI and the API.
  test.describe.configure({ timeout: 120_000 });
  test.beforeEach(async ({ account }) => {
    expect(account.email).toContain("@");
  });

  test("history: a version's code and a diff, then restore it as a new version", async ({ page }) => {
    const first = "from prefect import flow, task\n\n@task\ndef extract():\n    return 1\n\n@flow\ndef etl():\n    extract()\n";
    const saved = await createWorkflow(page, "Etl", first);
    const second = `${first}# second version\n`;
    const put = await page.request.put(`/api/workflows/${saved.id}`, { data: { code: second, expectedVersion: 1 }, headers: ORIGIN });
    expect(put.status()).toBe(200);

    await page.goto(`/workflows/${saved.id}`);
    // The toolbar's actions work once the editor is hydrated (slow on a busy machine).
    await page.getByRole("button", { name: "History", exact: true }).click({ timeout: 30_000 });
    const dialog = page.getByRole("dialog", { name: "History" });
    const versions = dialog.getByTestId("history-version");
    await expect(versions).toHaveCount(2);
    await expect(versions.first()).toContainText("current");
    await versions.nth(1).click();
    await expect(dialog.getByTestId("history-code")).toHaveText(first);
    await expect(dialog.getByRole("img", { name: "Graph of version 1" })).toBeVisible();
    // The diff (loaded on demand) shows the line the current code added.
    await expect(dialog.getByTestId("history-diff")).toContainText("# second version");
    await dialog.getByRole("button", { name: "Restore this version" }).click();
    await expect(dialog).toBeHidden();

    await expect.poll(async () => (await listWorkflows(page)).find((w) => w.id === saved.id)?.version).toBe(3);
    expect(await getWorkflowCode(page, saved.id)).toBe(first);
    const history = await (await page.request.get(`/api/workflows/${saved.id}/versions`)).json();
    expect(history.items.map((item: { version: number }) => item.version)).toEqual([3, 2, 1]);
  });

  test("delete → undo, and the trash view restores and deletes forever", async ({ page }) => {
    await createWorkflow(page, "Keep me", "print('keep')\n");
    await createWorkflow(page, "Throw away", "print('away')\n");
    await page.goto("/dashboard");
    const list = page.getByRole("list", { name: "Workflows" });
    const keep = list.getByRole("article", { name: "Keep me" });
    await keep.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Deleted “Keep me”")).toBeVisible();
    await expect(keep).toBeHidden();
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await expect(keep).toBeVisible();

    const away = list.getByRole("article", { name: "Throw away" });
    await away.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(away).toBeHidden();

    await page.getByRole("link", { name: "Trash" }).click();
    await expect(page.getByRole("heading", { name: "Trash" })).toBeVisible();
    const items = page.getByTestId("trash-item");
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText("Throw away");
    await items.first().getByRole("button", { name: "Restore" }).click();
    await expect(items).toHaveCount(0);
    expect((await listWorkflows(page)).map((w) => w.name).sort()).toEqual(["Keep me", "Throw away"]);

    const trashed = (await listWorkflows(page)).find((w) => w.name === "Throw away")!;
    expect((await page.request.delete(`/api/workflows/${trashed.id}`, { headers: ORIGIN })).status()).toBe(204);
    await page.reload();
    page.once("dialog", (confirm) => void confirm.accept());
    await items.first().getByRole("button", { name: "Delete forever" }).click();
    await expect(page.getByText("The trash is empty.")).toBeVisible();
  });

  test("import two .py files from the dashboard", async ({ page }) => {
    await page.goto("/dashboard");
    await page.getByTestId("import-input").setInputFiles([
      { name: "daily_report.py", mimeType: "text/x-python", buffer: Buffer.from("print('report')\r\n") },
      { name: "cleanup.py", mimeType: "text/x-python", buffer: Buffer.from("print('clean')\n") },
    ]);
    await expect(page.getByText("2 imported")).toBeVisible();
    const list = page.getByRole("list", { name: "Workflows" });
    await expect(list.getByRole("article", { name: "daily_report" })).toBeVisible();
    await expect(list.getByRole("article", { name: "cleanup" })).toBeVisible();
    const report = (await listWorkflows(page)).find((w) => w.name === "daily_report")!;
    expect(await getWorkflowCode(page, report.id)).toBe("print('report')\r\n");
  });

  test("drag and drop two .py files onto the dashboard", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByRole("button", { name: "Import .py / .zip" })).toBeEnabled();
    // A drag from the desktop, as the browser delivers it: a DataTransfer holding two files.
    const files = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["from airflow import DAG\n"], "nightly_load.py", { type: "text/x-python" }));
      transfer.items.add(new File(["print('hello')\n"], "hello.py", { type: "text/x-python" }));
      return transfer;
    });
    const main = page.getByRole("main");
    await main.dispatchEvent("dragenter", { dataTransfer: files });
    await main.dispatchEvent("dragover", { dataTransfer: files });
    await expect(page.getByTestId("import-drop-overlay")).toBeVisible();
    await main.dispatchEvent("drop", { dataTransfer: files });
    await expect(page.getByTestId("import-drop-overlay")).toBeHidden();
    await expect(page.getByText("2 imported")).toBeVisible();
    const list = page.getByRole("list", { name: "Workflows" });
    await expect(list.getByRole("article", { name: "nightly_load" })).toBeVisible();
    await expect(list.getByRole("article", { name: "hello" })).toBeVisible();
    const hello = (await listWorkflows(page)).find((w) => w.name === "hello")!;
    expect(await getWorkflowCode(page, hello.id)).toBe("print('hello')\n");
  });
});
