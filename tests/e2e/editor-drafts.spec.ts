/**
 * Issue 14's editor journeys at desktop (1440×900) and phone size (390×844, touch): drafts kept on the device
 * (a reload, a closed tab), an offline save that completes when the network is back, and the status of an
 * untouched example.
 */
import type { Page } from "@playwright/test";
import { createWorkflow, expect as baseExpect, getWorkflowCode, test } from "./fixtures";
import { AIRFLOW_SCRIPT, LANGGRAPH_SCRIPT } from "./scripts";

// A loaded machine (two cores shared with the server) draws slowly: room for it, not a slower app.
test.describe.configure({ timeout: 120_000 });
// What only the browser draws (a restored draft, the offer) waits for hydration, which is slow on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.use({ actionTimeout: 20_000, navigationTimeout: 60_000 });

const SIZES = [
  { name: "desktop", use: { viewport: { width: 1440, height: 900 } } },
  { name: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
] as const;

const codeContent = (page: Page) => page.getByTestId("code-editor").locator(".cm-content");
const saveStatus = (page: Page) => page.getByTestId("save-status");
const saveButton = (page: Page) => page.getByRole("button", { name: "Save", exact: true });

/** Replaces the editor's text the way a person pasting would. */
async function replaceCode(page: Page, code: string) {
  await codeContent(page).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
}

/** Waits until the browser holds a draft with `text` under `key` (written within a second of the change). */
async function expectDraftStored(page: Page, key: string, text: string) {
  await expect
    .poll(() => page.evaluate((k) => localStorage.getItem(k), key), { timeout: 2_000 })
    .toContain(text);
}

for (const size of SIZES) {
  test.describe(`editor drafts and saves (${size.name})`, () => {
    test.use(size.use);

    test("a signed-out draft comes back after a reload", async ({ page }) => {
      await page.goto("/editor");
      await expect(saveStatus(page)).toHaveText("Not saved yet");
      // The editor is ready (hydrated, CodeMirror mounted after load): a name typed earlier is not React's yet.
      await expect(codeContent(page)).toBeVisible();
      await page.getByLabel("Workflow name").fill("Nightly backup draft");
      await replaceCode(page, AIRFLOW_SCRIPT);
      await expect(saveStatus(page)).toHaveText("Unsaved changes");
      await expect(page).toHaveTitle("Nightly backup draft · Workflow Studio");
      await expectDraftStored(page, "workflow-studio:draft", "dump_database");

      await page.reload();
      await expect(page.getByLabel("Workflow name")).toHaveValue("Nightly backup draft");
      await expect(codeContent(page)).toContainText('task_id="dump_database"');
      await expect(saveStatus(page)).toHaveText("Unsaved changes");
    });

    test("an untouched example is not unsaved, and leaves the stored draft alone", async ({ page }) => {
      await page.goto("/editor");
      await expect(codeContent(page)).toBeVisible();
      await page.getByLabel("Workflow name").fill("Kept draft");
      await expectDraftStored(page, "workflow-studio:draft", "Kept draft");

      await page.goto("/editor?example=airflow-backup");
      await expect(saveStatus(page)).toHaveText("Not saved yet");
      await expect(page).toHaveTitle("Airflow nightly backup · Workflow Studio");
      // The editor is running (CodeMirror took over); leaving the page writes any pending draft at once (pagehide).
      await expect(codeContent(page)).toContainText("airflow.models.dag");
      await page.goto("/editor");
      await expect(page.getByLabel("Workflow name")).toHaveValue("Kept draft");
    });

    test("closing the tab with unsaved edits, then Restore brings them back", async ({ page, account, finalScreen }) => {
      expect(account.email).toContain("@");
      const saved = await createWorkflow(page, "Research agent", LANGGRAPH_SCRIPT);
      await page.goto(`/workflows/${saved.id}`);
      await expect(saveStatus(page)).toHaveText("Saved");
      await replaceCode(page, `${LANGGRAPH_SCRIPT}# before the crash\n`);
      await expectDraftStored(page, `workflow-studio:draft:${saved.id}`, "# before the crash");
      const context = page.context();
      await page.close({ runBeforeUnload: false });

      const again = await context.newPage();
      finalScreen.page = again;
      await again.bringToFront();
      await again.goto(`/workflows/${saved.id}`);
      const offer = again.getByRole("region", { name: "Unsaved changes on this device" });
      await expect(offer).toBeVisible();
      await expect(codeContent(again)).not.toContainText("# before the crash");
      await offer.getByRole("button", { name: /^Restore unsaved changes \(.+\)$/ }).click();
      await expect(offer).toBeHidden();
      await expect(codeContent(again)).toContainText("# before the crash");
      await expect(saveStatus(again)).toHaveText("Unsaved changes");

      await saveButton(again).click();
      await expect(saveStatus(again)).toHaveText("Saved");
      expect(await getWorkflowCode(again, saved.id)).toBe(`${LANGGRAPH_SCRIPT}# before the crash\n`);
      await expect.poll(() => again.evaluate((k) => localStorage.getItem(k), `workflow-studio:draft:${saved.id}`)).toBeNull();
    });

    test("Discard drops the kept edits for good", async ({ page, account }) => {
      expect(account.email).toContain("@");
      const saved = await createWorkflow(page, "Research agent", LANGGRAPH_SCRIPT);
      await page.goto(`/workflows/${saved.id}`);
      await replaceCode(page, `${LANGGRAPH_SCRIPT}# not wanted\n`);
      await expectDraftStored(page, `workflow-studio:draft:${saved.id}`, "# not wanted");

      await page.reload();
      const offer = page.getByRole("region", { name: "Unsaved changes on this device" });
      await offer.getByRole("button", { name: "Discard" }).click();
      await expect(offer).toBeHidden();
      await expect(saveStatus(page)).toHaveText("Saved");
      await page.reload();
      await expect(saveStatus(page)).toHaveText("Saved");
      await expect(offer).toBeHidden();
      await expect(codeContent(page)).not.toContainText("# not wanted");
    });

    test("saving offline says so, and the save completes when the network is back", async ({ page, account }) => {
      expect(account.email).toContain("@");
      const saved = await createWorkflow(page, "Research agent", LANGGRAPH_SCRIPT);
      await page.goto(`/workflows/${saved.id}`);
      await expect(saveStatus(page)).toHaveText("Saved");
      const edited = `${LANGGRAPH_SCRIPT}# saved from a train\n`;
      await replaceCode(page, edited);

      await page.context().setOffline(true);
      await saveButton(page).click();
      await expect(page.getByTestId("save-message")).toHaveText(
        "Offline — your changes are kept on this device and will be saved when you are back online.",
      );
      await expect(saveStatus(page)).toHaveText("Waiting for network");
      await expectDraftStored(page, `workflow-studio:draft:${saved.id}`, "# saved from a train");

      await page.context().setOffline(false);
      await expect(saveStatus(page)).toHaveText("Saved", { timeout: 15_000 });
      await expect(page.getByTestId("save-message")).toBeHidden();
      expect(await getWorkflowCode(page, saved.id)).toBe(edited);
    });
  });
}
