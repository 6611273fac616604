/** Version history through the tRPC procedures: what is kept, what is not, restore, retention and the storage limit. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callerFor, createUser, expectAppError } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";
import { getVersion, listVersions, restoreVersion } from "../../../src/server/workflows/history";
import { saveWorkflow, type WorkflowScope } from "../../../src/server/workflows/service";

const db = setupTestDatabase();

async function signedIn() {
  const user = await createUser(db());
  return { user, api: callerFor(db(), user) };
}

const DAY = 86_400_000;

describe("workflow.versions", () => {
  it("keeps every replaced code with its name, size and graph, newest first, the current state on top", async () => {
    const { api } = await signedIn();
    const v1 = await api.workflow.save({ name: "flow", code: "print(1)\n" });
    const v2 = await api.workflow.save({ id: v1.id, name: "flow", code: "from prefect import flow\n@flow\ndef f():\n    pass\n", expectedVersion: 1 });
    const v3 = await api.workflow.save({ id: v1.id, name: "renamed", code: "print(3)\n", expectedVersion: 2 });

    const { items, nextCursor } = await api.workflow.versions({ id: v1.id });
    expect(nextCursor).toBeNull();
    expect(items.map((item) => [item.version, item.name, item.current])).toEqual([
      [3, "renamed", true],
      [2, "flow", false],
      [1, "flow", false],
    ]);
    expect(items[0]).toMatchObject({ savedAt: v3.updatedAt, size: v3.size, graph: v3.graph });
    expect(items[1]).toMatchObject({ savedAt: v2.updatedAt, size: v2.size, graph: v2.graph });
    expect(v2.graph.dialect).toBe("prefect");
    expect(items[2]).toMatchObject({ savedAt: v1.updatedAt, size: { bytes: 9, lines: 1 } });
    expect(items[0]).not.toHaveProperty("code");

    expect(await api.workflow.version({ id: v1.id, version: 1 })).toMatchObject({ id: v1.id, version: 1, code: "print(1)\n", current: false });
    expect(await api.workflow.version({ id: v1.id, version: 2 })).toMatchObject({ code: v2.code });
    expect(await api.workflow.version({ id: v1.id, version: 3 })).toMatchObject({ code: "print(3)\n", current: true });
  });

  it("keeps no version for a rename, or for a save of the same code", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "flow", code: "print(1)\n" });
    await api.workflow.rename({ id: saved.id, name: "other" });
    await api.workflow.rename({ id: saved.id, name: "third", expectedVersion: 2 });
    await api.workflow.update({ id: saved.id, name: "fourth", code: "print(1)\n", expectedVersion: 3 });
    const { items } = await api.workflow.versions({ id: saved.id });
    expect(items.map((item) => item.version)).toEqual([4]);
    // The next change of code keeps the state it replaces, with the name it had then.
    await api.workflow.update({ id: saved.id, code: "print(2)\n", expectedVersion: 4 });
    const after = await api.workflow.versions({ id: saved.id });
    expect(after.items.map((item) => [item.version, item.name])).toEqual([[5, "fourth"], [4, "fourth"]]);
  });

  it("keeps the code byte for byte: a byte-order mark, CRLF, tabs and astral characters", async () => {
    const { api } = await signedIn();
    const code = "\ufeff# ünïcödé ✓ 🚀\r\n\tdef f():\r\n\t\treturn 1\r\n";
    const saved = await api.workflow.save({ name: "bytes", code });
    await api.workflow.save({ id: saved.id, name: "bytes", code: "x = 1\n", expectedVersion: 1 });
    const kept = await api.workflow.version({ id: saved.id, version: 1 });
    expect(kept.code).toBe(code);
    expect(kept.size.bytes).toBe(Buffer.byteLength(code));
  });

  it("pages by an opaque cursor and refuses a forged one", async () => {
    const { api } = await signedIn();
    let current = await api.workflow.save({ name: "paged", code: "v1" });
    for (let n = 2; n <= 7; n++) current = await api.workflow.save({ id: current.id, name: "paged", code: `v${n}`, expectedVersion: n - 1 });
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.workflow.versions({ id: current.id, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.version));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
    const error = await expectAppError(api.workflow.versions({ id: current.id, cursor: "not-a-cursor" }), "BAD_REQUEST");
    expect(error.extra.fields).toHaveProperty("cursor");
  });

  it("answers 404 for another person's workflow and for a version that is not there, and changes nothing", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    const saved = await owner.api.workflow.save({ name: "mine", code: "a" });
    await owner.api.workflow.save({ id: saved.id, name: "mine", code: "b", expectedVersion: 1 });
    await expectAppError(other.api.workflow.versions({ id: saved.id }), "NOT_FOUND");
    await expectAppError(other.api.workflow.version({ id: saved.id, version: 1 }), "NOT_FOUND");
    await expectAppError(other.api.workflow.restore({ id: saved.id, version: 1, expectedVersion: 2 }), "NOT_FOUND");
    await expectAppError(owner.api.workflow.version({ id: saved.id, version: 99 }), "NOT_FOUND");
    await expectAppError(owner.api.workflow.versions({ id: randomUUID() }), "NOT_FOUND");
    await expectAppError(callerFor(db(), null).workflow.versions({ id: saved.id }), "UNAUTHORIZED");
    expect(await owner.api.workflow.get({ id: saved.id })).toMatchObject({ version: 2, code: "b" });
  });
});

describe("workflow.restore", () => {
  it("makes an old version current as a new version, losing nothing", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "flow", code: "first\n" });
    await api.workflow.save({ id: saved.id, name: "flow", code: "second\n", expectedVersion: 1 });
    const restored = await api.workflow.restore({ id: saved.id, version: 1, expectedVersion: 2 });
    expect(restored).toMatchObject({ version: 3, code: "first\n", name: "flow" });
    const { items } = await api.workflow.versions({ id: saved.id });
    expect(items.map((item) => item.version)).toEqual([3, 2, 1]);
    expect((await api.workflow.version({ id: saved.id, version: 2 })).code).toBe("second\n");
  });

  it("answers CONFLICT when the workflow moved on since it was read, and changes nothing", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "flow", code: "first" });
    await api.workflow.save({ id: saved.id, name: "flow", code: "second", expectedVersion: 1 });
    await api.workflow.save({ id: saved.id, name: "flow", code: "third", expectedVersion: 2 });
    const conflict = await expectAppError(api.workflow.restore({ id: saved.id, version: 1, expectedVersion: 2 }), "CONFLICT");
    expect(conflict.extra.details).toMatchObject({ currentVersion: 3 });
    expect(await api.workflow.get({ id: saved.id })).toMatchObject({ version: 3, code: "third" });
    expect((await api.workflow.versions({ id: saved.id })).items).toHaveLength(3);
  });

  it("lets exactly one of several concurrent restores at the same version win, and keeps one version for it", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "race", code: "zero" });
    for (let n = 1; n <= 4; n++) await api.workflow.save({ id: saved.id, name: "race", code: `code ${n}`, expectedVersion: n });
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((version) => api.workflow.restore({ id: saved.id, version, expectedVersion: 5 })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const { items } = await api.workflow.versions({ id: saved.id });
    expect(items.map((item) => item.version)).toEqual([6, 5, 4, 3, 2, 1]);
  });
});

describe("retention", () => {
  it("keeps every version of the last 30 days, the newest of each day before, and at most the configured number", async () => {
    const user = await createUser(db());
    const clock = { now: new Date() };
    const today = Math.floor(clock.now.getTime() / DAY) * DAY;
    const scope: WorkflowScope = { db: db(), ownerId: user.id, limitPerOwner: 100, history: { maxVersions: 6, fullDays: 30 }, now: () => clock.now };
    const saved = await saveWorkflow(scope, { name: "old", code: "v1" });
    // Eight older versions as the saves of their days left them: two a day, 40 to 37 days ago.
    const rows = Array.from({ length: 8 }, (_, i) => ({
      workflowId: saved.id,
      ownerId: user.id,
      version: 100 + i,
      name: "old",
      code: `old ${i}`,
      codeBytes: 5,
      codeLines: 1,
      dialect: "generic",
      nodeCount: 0,
      edgeCount: 0,
      savedAt: new Date(today - (40 - Math.floor(i / 2)) * DAY + (1 + (i % 2)) * 3_600_000),
    }));
    await db().prisma.workflowVersion.createMany({ data: rows });
    await db().prisma.workflow.update({ where: { id: saved.id }, data: { version: 200 } });
    const versions = async () => (await listVersions(scope, { id: saved.id, limit: 100 })).items.map((item) => item.version);
    const save = (n: number) => saveWorkflow(scope, { id: saved.id, name: "old", code: `v${n + 1}`, expectedVersion: n });

    // The current state, the version the save just kept, and the newer of each old day's two.
    await save(200);
    expect(await versions()).toEqual([201, 200, 107, 105, 103, 101]);

    // Past the cap the oldest go first.
    for (const n of [201, 202, 203]) await save(n);
    expect(await versions()).toEqual([204, 203, 202, 201, 200, 107, 105]);
    expect(await db().prisma.workflowVersion.count({ where: { workflowId: saved.id } })).toBe(6);

    // Ten days later, versions saved 25 days before today are past the 30 days: the newest of their day stays.
    for (const version of [200, 201, 202, 203]) {
      await db().prisma.workflowVersion.updateMany({
        where: { workflowId: saved.id, version },
        data: { savedAt: new Date(today - 25 * DAY + (version - 199) * 3_600_000) },
      });
    }
    clock.now = new Date(clock.now.getTime() + 10 * DAY);
    await save(204);
    expect(await versions()).toEqual([205, 204, 203, 107, 105]);
  });
});

describe("the storage limit", () => {
  it("answers 413 with the current usage past the limit, and the refused save changes nothing", async () => {
    const user = await createUser(db());
    const scope: WorkflowScope = { db: db(), ownerId: user.id, limitPerOwner: 100, storageLimitBytes: 8_000 };
    const code = "x".repeat(3_000);
    const saved = await saveWorkflow(scope, { name: "big", code });
    await saveWorkflow(scope, { id: saved.id, name: "big", code: `${code}1`, expectedVersion: 1 }); // 6,001 bytes with its history
    const refused = await saveWorkflow(scope, { id: saved.id, name: "big", code: `${code}22`, expectedVersion: 2 }).then(
      () => null,
      (error: unknown) => error as { code: string; status: number; extra: { details: Record<string, number> } },
    );
    expect(refused).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(refused!.extra.details).toEqual({ usedBytes: 6_001, limitBytes: 8_000, neededBytes: 3_002 });
    const workflow = await db().prisma.workflow.findUniqueOrThrow({ where: { id: saved.id } });
    expect(workflow).toMatchObject({ version: 2, code: `${code}1` });
    expect(await db().prisma.workflowVersion.count({ where: { workflowId: saved.id } })).toBe(1);

    // New workflows count too; a smaller code still fits, and restoring the large one does not.
    await expect(saveWorkflow(scope, { name: "another", code: "y".repeat(5_000) })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    const shrunk = await saveWorkflow(scope, { id: saved.id, name: "big", code: "small", expectedVersion: 2 });
    expect(shrunk.version).toBe(3);
    const restored = await restoreVersion(scope, { id: saved.id, version: 1, expectedVersion: 3 }).catch((error: unknown) => error);
    expect(restored).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect((await getVersion(scope, { id: saved.id, version: 3 })).code).toBe("small");
  });

  it("holds under concurrent saves by one person", async () => {
    const user = await createUser(db());
    const scope: WorkflowScope = { db: db(), ownerId: user.id, limitPerOwner: 100, storageLimitBytes: 10_000 };
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => saveWorkflow(scope, { name: `w${i}`, code: "z".repeat(3_000) })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
  });

  it("reports the usage over workflows and history", async () => {
    const { api } = await signedIn();
    expect(await api.workflow.storage()).toEqual({ usedBytes: 0, limitBytes: 50 * 1024 * 1024 });
    const saved = await api.workflow.save({ name: "a", code: "12345" });
    await api.workflow.save({ id: saved.id, name: "a", code: "123", expectedVersion: 1 });
    expect((await api.workflow.storage()).usedBytes).toBe(8);
  });
});
