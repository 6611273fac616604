/** Tags (issue 15): added in the editor's header, then the dashboard filters by them — at desktop and phone sizes. */
import { createWorkflow, expect, test } from "./fixtures";
import { SIZES } from "./sizes";

for (const size of SIZES) {
  test.describe(`tags on the ${size.name}`, () => {
    test.use(size.use);
    test.describe.configure({ timeout: 120_000 });

    test("a tag added in the editor filters the dashboard, in the URL", async ({ page, account }) => {
      expect(account.email).toContain("@");
      const tagged = await createWorkflow(page, "Nightly load", "print('load')\n");
      await createWorkflow(page, "Ad hoc", "print('adhoc')\n");

      await page.goto(`/workflows/${tagged.id}`);
      const field = page.getByLabel("Add a tag");
      // Typed before hydration, a field's text is lost: wait for the toolbar to work first.
      await expect(page.getByRole("button", { name: "Save", exact: true })).toBeEnabled({ timeout: 30_000 });
      await field.fill("  Data ETL ");
      await field.press("Enter");
      const tags = page.getByRole("list", { name: "Tags" });
      await expect(tags.getByText("data etl", { exact: true })).toBeVisible();
      // Saved apart from the code: no new version.
      await expect
        .poll(async () => (await (await page.request.get(`/api/workflows/${tagged.id}`)).json()) as { tags: string[]; version: number })
        .toEqual(expect.objectContaining({ tags: ["data etl"], version: 1 }));

      await page.goto("/dashboard");
      const list = page.getByRole("list", { name: "Workflows" });
      await expect(list.getByRole("article")).toHaveCount(2);
      await expect(list.getByRole("article", { name: "Nightly load" }).getByText("data etl")).toBeVisible();
      await page.getByRole("group", { name: "Tags" }).getByRole("button", { name: "data etl" }).click();
      await expect(page).toHaveURL(/[?&]tag=data(\+|%20)etl/);
      await expect(list.getByRole("article")).toHaveCount(1);
      await expect(list.getByRole("article", { name: "Nightly load" })).toBeVisible();
      // Back undoes the filter.
      await page.goBack();
      await expect(list.getByRole("article")).toHaveCount(2);
    });
  });
}
