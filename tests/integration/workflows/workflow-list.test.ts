import { describe, expect, it } from "vitest";
import { saveWorkflow, listWorkflows } from "../../../src/server/workflows/service";
import { listWorkflowsInput } from "../../../src/lib/validation/workflow";
import { callerFor, createUser, expectAppError } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";

const db = setupTestDatabase();

async function signedIn() {
  const user = await createUser(db());
  return { user, api: callerFor(db(), user) };
}

describe("workflow.list", () => {
  it("lists newest first with sizes and graph summaries, never the code", async () => {
    const { api } = await signedIn();
    const a = await api.workflow.save({ name: "alpha", code: "import os\nprint(os)\n" });
    const b = await api.workflow.save({ name: "Beta", code: "x = 1" });
    await api.workflow.save({ id: a.id, name: "alpha", code: "import os\n", expectedVersion: 1 });
    const { items, nextCursor } = await api.workflow.list({});
    expect(items.map((i) => i.name)).toEqual(["alpha", "Beta"]);
    expect(nextCursor).toBeNull();
    expect(items[0]).toEqual({
      id: a.id,
      name: "alpha",
      version: 2,
      createdAt: a.createdAt,
      updatedAt: expect.any(String),
      size: { bytes: 10, lines: 1 },
      tags: [],
      graph: { dialect: "generic", nodes: expect.any(Number), edges: expect.any(Number) },
      match: null,
    });
    expect(JSON.stringify(items)).not.toContain("import os");
    expect(items[1]!.id).toBe(b.id);
  });

  it("sorts by name and finds names case-insensitively, wildcards taken literally", async () => {
    const { api } = await signedIn();
    for (const name of ["zeta ETL", "Alpha etl", "mid", "100% done", "under_score"]) {
      await api.workflow.save({ name, code: "" });
    }
    expect((await api.workflow.list({ sort: "name" })).items.map((i) => i.name)).toEqual(
      [...["zeta ETL", "Alpha etl", "mid", "100% done", "under_score"]].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
    );
    expect((await api.workflow.list({ search: "ETL", sort: "name" })).items.map((i) => i.name)).toEqual(["Alpha etl", "zeta ETL"]);
    expect((await api.workflow.list({ search: "%" })).items.map((i) => i.name)).toEqual(["100% done"]);
    expect((await api.workflow.list({ search: "_" })).items.map((i) => i.name)).toEqual(["under_score"]);
  });

  it("walks every page and returns each workflow exactly once, also while new ones are saved", async () => {
    const { user } = await signedIn();
    const scope = { db: db(), ownerId: user.id, limitPerOwner: 1000 };
    const existing = new Set<string>();
    for (let i = 0; i < 37; i++) existing.add((await saveWorkflow(scope, { name: `w${i % 5}`, code: `# ${i}` })).id);
    for (const sort of ["updated", "name", "created", "size", "nodes"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listWorkflows(scope, listWorkflowsInput.parse({ limit: 7, sort, cursor }));
        seen.push(...page.items.map((i) => i.id));
        // Someone saves a new workflow between two pages.
        await saveWorkflow(scope, { name: `new during ${sort} ${pages}`, code: "" });
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 50);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of existing) expect(seen).toContain(id);
    }
  });

  it("refuses a cursor made for another sort order", async () => {
    const { api } = await signedIn();
    for (let i = 0; i < 3; i++) await api.workflow.save({ name: `n${i}`, code: "" });
    const { nextCursor } = await api.workflow.list({ limit: 1 });
    expect(nextCursor).toEqual(expect.any(String));
    await expectAppError(api.workflow.list({ limit: 1, sort: "name", cursor: nextCursor! }), "BAD_REQUEST");
  });
});

describe("the per-person limit", () => {
  it("holds under concurrent saves and says why", async () => {
    const { user } = await signedIn();
    const scope = { db: db(), ownerId: user.id, limitPerOwner: 5 };
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => saveWorkflow(scope, { name: `n${i}`, code: "" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("at most 5 workflows") });
    expect(await db().prisma.workflow.count({ where: { ownerId: user.id } })).toBe(5);
  });
});
