/**
 * Issue 13: `getWorkflow` reads one workflow straight through the driver (dates written by the database as ISO text)
 * instead of through Prisma. Its answer must be byte for byte what Prisma's row gave through `toDetail`, and what the
 * schema's parse answers: names and code in any script, a leading byte-order mark (PGlite drops it when decoding), tags
 * or none, counts not known, stored times a save never makes. And what it does not find is as unknown as ever.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../../../src/lib/examples";
import { workflowDetail } from "../../../src/lib/validation/workflow-output";
import { fullSelect, getWorkflow, ownerScope, toDetail } from "../../../src/server/workflows/service";
import { callerFor, createUser } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";

const db = setupTestDatabase();
let ownerId = "";
const ids: string[] = [];

beforeAll(async () => {
  const user = await createUser(db());
  ownerId = user.id;
  const caller = callerFor(db(), user);
  for (const [name, code] of [
    ["Research agent", EXAMPLES.find((e) => e.dialect === "langgraph")!.code],
    ["Ünïcode “quotes” \\ and \"escapes\" 🙂", `\ufeffprint("zanzibar")\r\n# 日本語\n`],
    ["Counts not known", `import csv\n`],
    ["Odd times", `print(1)\n`],
  ] as const) {
    ids.push((await caller.workflow.create({ name, code })).id);
  }
  await caller.workflow.setTags({ id: ids[0]!, tags: ["Nightly", "ops"] });
  await db().prisma.workflow.update({ where: { id: ids[2]! }, data: { nodeCount: -1, edgeCount: -1, dialect: "unknown" } });
  await db().prisma.$executeRaw`UPDATE workflows SET created_at = '1999-12-31 22:30:00.5+01:30', updated_at = '2024-02-29 23:59:59.998+00' WHERE id = ${ids[3]!}::uuid`;
});

describe("one workflow read through the driver", () => {
  it("answers every workflow byte for byte as Prisma's row and the schema's parse do", async () => {
    for (const id of ids) {
      const built = await getWorkflow(ownerScope(db(), ownerId), id);
      const row = await db().prisma.workflow.findFirstOrThrow({ where: { id }, select: fullSelect });
      expect(JSON.stringify(built)).toBe(JSON.stringify(toDetail(row)));
      expect(JSON.stringify(built)).toBe(JSON.stringify(workflowDetail.parse(built)));
    }
  });

  it("keeps the byte-order mark, tags, unknown counts and the stored times", async () => {
    const [agent, unicode, unknown, odd] = await Promise.all(ids.map((id) => getWorkflow(ownerScope(db(), ownerId), id)));
    expect(agent!.tags).toEqual(["nightly", "ops"]);
    expect(unicode!.code.startsWith("\ufeffprint")).toBe(true);
    expect(unicode!.size.bytes).toBe(Buffer.byteLength(unicode!.code, "utf8"));
    expect(unknown!.graph).toEqual({ dialect: "unknown", nodes: null, edges: null });
    expect([odd!.createdAt, odd!.updatedAt]).toEqual(["1999-12-31T21:00:00.500Z", "2024-02-29T23:59:59.998Z"]);
  });

  it("does not find another person's workflow, a trashed one or an id nobody has", async () => {
    const other = await createUser(db());
    const notFound = { code: "NOT_FOUND", message: "No such workflow." };
    await expect(getWorkflow(ownerScope(db(), other.id), ids[0]!)).rejects.toMatchObject(notFound);
    await callerFor(db(), { id: ownerId, email: "owner@example.com" }).workflow.delete({ id: ids[1]! });
    await expect(getWorkflow(ownerScope(db(), ownerId), ids[1]!)).rejects.toMatchObject(notFound);
    await expect(getWorkflow(ownerScope(db(), ownerId), "01234567-89ab-7def-8123-456789abcdef")).rejects.toMatchObject(notFound);
  });
});
