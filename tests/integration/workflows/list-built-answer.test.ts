/**
 * Decision 105: in production the list page goes out as the service builds it, without zod's `.output()` parse. That
 * is safe only while the built page is exactly what the parse would answer — same fields, same order, same values,
 * nothing extra. Each case below lists real rows (plain, searched by name, framework and code, filtered by tag and
 * framework, every sort, a later page, counts not known) and requires the parsed page to be byte for byte the built one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../../../src/lib/examples";
import { workflowList } from "../../../src/lib/validation/workflow-output";
import { listWorkflowsInput } from "../../../src/lib/validation/workflow";
import { listWorkflows, ownerScope } from "../../../src/server/workflows/service";
import { callerFor, createUser } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";

const db = setupTestDatabase();
let ownerId = "";

const example = (dialect: string) => EXAMPLES.find((e) => e.dialect === dialect)!.code;

beforeAll(async () => {
  const user = await createUser(db());
  ownerId = user.id;
  const caller = callerFor(db(), user);
  const made = [];
  for (const [name, code] of [
    ["Nightly backup", example("airflow")],
    ["Research agent", example("langgraph")],
    ["Weekly report", example("prefect")],
    ["Quota check", `import csv\n\nrows = 1  # zanzibar quota applies\nprint(rows)\n`],
    ["Ünïcode “quotes” \\ and \"escapes\"", `\ufeffprint("zanzibar")\n`],
  ] as const) {
    made.push(await caller.workflow.create({ name, code }));
  }
  await caller.workflow.setTags({ id: made[0]!.id, tags: ["Nightly", "ops"] });
  await caller.workflow.setTags({ id: made[3]!.id, tags: ["ops"] });
  // Counts not known (null in the answer), as a save past the graph's time budget leaves them.
  await db().prisma.workflow.update({ where: { id: made[2]!.id }, data: { nodeCount: -1, edgeCount: -1, dialect: "unknown" } });
});

async function builtAndParsed(input: Record<string, unknown>) {
  const built = await listWorkflows(ownerScope(db(), ownerId), listWorkflowsInput.parse(input));
  return { built: JSON.stringify(built), parsed: JSON.stringify(workflowList.parse(built)), page: built };
}

describe("the list page as built is what its schema answers", () => {
  const cases: Record<string, unknown>[] = [
    {},
    { limit: 2 },
    { search: "nightly" },
    { search: "airflow" },
    { search: "zanzibar" },
    { search: "\"" },
    { tags: ["ops"] },
    { dialects: ["langgraph", "prefect"] },
    { sort: "name" },
    { sort: "created" },
    { sort: "size" },
    { sort: "nodes" },
  ];
  for (const input of cases) {
    it(`is byte for byte the parsed page for ${JSON.stringify(input)}`, async () => {
      const { built, parsed, page } = await builtAndParsed(input);
      expect(page.items.length).toBeGreaterThan(0);
      expect(built).toBe(parsed);
    });
  }

  it("stays so on a later page (the cursor) and with counts not known", async () => {
    const first = await builtAndParsed({ limit: 2, sort: "name" });
    expect(first.page.nextCursor).not.toBeNull();
    const second = await builtAndParsed({ limit: 2, sort: "name", cursor: first.page.nextCursor });
    expect(second.built).toBe(second.parsed);
    const all = await builtAndParsed({ limit: 50 });
    expect(all.page.items.some((item) => item.graph.nodes === null)).toBe(true);
    expect(all.page.items.filter((item) => item.match === null)).toHaveLength(5);
  });

  it("writes each date as a JS Date of the stored time writes it, microseconds and all", async () => {
    // Stored times a save never makes, but a database may hold: microseconds, late in a day, a leap day.
    const rows = await db().prisma.workflow.findMany({ where: { ownerId }, orderBy: { id: "asc" }, select: { id: true } });
    const times = ["2024-02-29 23:59:59.999999+00", "2026-11-30 08:00:00.000501+00", "1999-12-31 22:30:00.5+01:30"];
    for (const [i, at] of times.entries()) {
      await db().prisma.$executeRaw`UPDATE workflows SET created_at = ${at}::timestamptz, updated_at = ${at}::timestamptz + interval '1 microsecond' WHERE id = ${rows[i]!.id}::uuid`;
    }
    const stored = await db().prisma.workflow.findMany({ where: { ownerId }, select: { id: true, createdAt: true, updatedAt: true } });
    const { page } = await builtAndParsed({ limit: 50 });
    expect(page.items.map((item) => [item.id, item.createdAt, item.updatedAt]).sort()).toEqual(
      stored.map((row) => [row.id, row.createdAt.toISOString(), row.updatedAt.toISOString()]).sort(),
    );
    expect(page.items.map((item) => item.createdAt)).toContain("1999-12-31T21:00:00.500Z");
  });

  it("answers matches whose snippet, field and line the schema accepts unchanged", async () => {
    const { page, built, parsed } = await builtAndParsed({ search: "zanzibar" });
    expect(page.items.map((item) => item.match?.field).sort()).toEqual(["code", "code"]);
    expect(built).toBe(parsed);
  });
});
