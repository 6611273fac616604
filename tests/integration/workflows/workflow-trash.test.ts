/** The trash, through tRPC and over real HTTP: delete moves there, undo, delete forever, the purge with a clock. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signUp, type ApiSession } from "../../helpers/api-session";
import { callerFor, createUser, expectAppError } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { purgeTrash, restoreFromTrash } from "../../../src/server/workflows/trash";
import { deleteWorkflow, saveWorkflow } from "../../../src/server/workflows/service";

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const DAY = 86_400_000;

async function signedIn() {
  const user = await createUser(db());
  return { user, api: callerFor(db(), user) };
}

describe("the trash through tRPC", () => {
  it("hides a deleted workflow from list, search, get, graph, history and saves, and restores it as it was", async () => {
    const { api } = await signedIn();
    const kept = await api.workflow.save({ name: "kept report", code: "a = 1\n" });
    const saved = await api.workflow.save({ name: "daily report", code: "b = 1\n" });
    const updated = await api.workflow.save({ id: saved.id, name: "daily report", code: "b = 2\n", expectedVersion: 1 });
    expect(await api.workflow.delete({ id: saved.id })).toMatchObject({ id: saved.id, trashed: true });

    expect((await api.workflow.list()).items.map((item) => item.id)).toEqual([kept.id]);
    expect((await api.workflow.list({ search: "daily", limit: 10, sort: "name" })).items).toEqual([]);
    await expectAppError(api.workflow.get({ id: saved.id }), "NOT_FOUND");
    await expectAppError(api.workflow.graph({ id: saved.id }), "NOT_FOUND");
    await expectAppError(api.workflow.versions({ id: saved.id }), "NOT_FOUND");
    await expectAppError(api.workflow.version({ id: saved.id, version: 1 }), "NOT_FOUND");
    await expectAppError(api.workflow.restore({ id: saved.id, version: 1, expectedVersion: 2 }), "NOT_FOUND");
    await expectAppError(api.workflow.save({ id: saved.id, name: "x", code: "c", expectedVersion: 2 }), "NOT_FOUND");
    await expectAppError(api.workflow.rename({ id: saved.id, name: "x" }), "NOT_FOUND");
    await expectAppError(api.workflow.duplicate({ id: saved.id }), "NOT_FOUND");
    await expectAppError(api.workflow.delete({ id: saved.id }), "NOT_FOUND");

    const trash = await api.workflow.trash();
    expect(trash.items.map((item) => [item.id, item.name, item.version])).toEqual([[saved.id, "daily report", 2]]);
    expect(trash.retentionDays).toBe(30);
    expect(Date.parse(trash.items[0]!.purgeAt) - Date.parse(trash.items[0]!.deletedAt)).toBe(30 * DAY);
    expect(trash.items[0]).not.toHaveProperty("code");

    expect(await api.workflow.restoreFromTrash({ id: saved.id })).toEqual({ id: saved.id, restored: true });
    // As it was: same version, same update time, the history still there.
    expect(await api.workflow.get({ id: saved.id })).toEqual(updated);
    expect((await api.workflow.versions({ id: saved.id })).items.map((item) => item.version)).toEqual([2, 1]);
    expect((await api.workflow.trash()).items).toEqual([]);
    await expectAppError(api.workflow.restoreFromTrash({ id: saved.id }), "NOT_FOUND");
  });

  it("deletes forever only from the trash, with the history, and only the owner's", async () => {
    const owner = await signedIn();
    const other = await signedIn();
    const saved = await owner.api.workflow.save({ name: "gone", code: "1" });
    await owner.api.workflow.save({ id: saved.id, name: "gone", code: "2", expectedVersion: 1 });
    await expectAppError(owner.api.workflow.deleteForever({ id: saved.id }), "NOT_FOUND"); // not in the trash
    await owner.api.workflow.delete({ id: saved.id });
    await expectAppError(other.api.workflow.deleteForever({ id: saved.id }), "NOT_FOUND");
    await expectAppError(other.api.workflow.restoreFromTrash({ id: saved.id }), "NOT_FOUND");
    expect((await other.api.workflow.trash()).items).toEqual([]);
    expect(await owner.api.workflow.deleteForever({ id: saved.id })).toEqual({ id: saved.id, deleted: true });
    expect(await db().prisma.workflow.count({ where: { id: saved.id } })).toBe(0);
    expect(await db().prisma.workflowVersion.count({ where: { workflowId: saved.id } })).toBe(0);
    await expectAppError(owner.api.workflow.restoreFromTrash({ id: saved.id }), "NOT_FOUND");
  });

  it("counts trashed workflows toward storage, not toward the workflow count; a restore past the count is refused", async () => {
    const user = await createUser(db());
    const scope = { db: db(), ownerId: user.id, limitPerOwner: 2, storageLimitBytes: 5_000 };
    const first = await saveWorkflow(scope, { name: "one", code: "x".repeat(2_000) });
    await saveWorkflow(scope, { name: "two", code: "y" });
    await deleteWorkflow(scope, first.id);
    await saveWorkflow(scope, { name: "three", code: "z" }); // the count has room again
    await expect(saveWorkflow(scope, { name: "big", code: "w".repeat(3_000) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(restoreFromTrash(scope, first.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await callerFor(db(), user).workflow.storage()).usedBytes).toBe(2_002);
  });

  it("is emptied of workflows trashed more than 30 days ago by the pruning job, read with a clock", async () => {
    const user = await createUser(db());
    const deletedAt = new Date("2026-03-01T10:00:00Z");
    const scope = { db: db(), ownerId: user.id, limitPerOwner: 100, now: () => deletedAt };
    const old = await saveWorkflow(scope, { name: "old", code: "1" });
    await saveWorkflow(scope, { id: old.id, name: "old", code: "2", expectedVersion: 1 });
    const live = await saveWorkflow(scope, { name: "live", code: "1" });
    await deleteWorkflow(scope, old.id);

    expect(await purgeTrash(db(), deletedAt.getTime() + 30 * DAY - 1)).toBe(0);
    expect(await db().prisma.workflow.count({ where: { id: old.id } })).toBe(1);
    expect(await purgeTrash(db(), deletedAt.getTime() + 30 * DAY + 1)).toBe(1);
    expect(await db().prisma.workflow.count({ where: { id: old.id } })).toBe(0);
    expect(await db().prisma.workflowVersion.count({ where: { workflowId: old.id } })).toBe(0);
    expect(await db().prisma.workflow.count({ where: { id: live.id } })).toBe(1);
  });
});

describe("the trash over REST", () => {
  function api(path: string, init: RequestInit & { token?: string } = {}) {
    const headers = new Headers(init.headers);
    if (init.token) headers.set("authorization", `Bearer ${init.token}`);
    return fetch(`${baseUrl()}${path}`, { ...init, headers });
  }

  async function create(session: ApiSession, name: string) {
    const response = await api("/api/workflows", {
      method: "POST",
      token: session.accessToken,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, code: "print(1)\n" }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; version: number };
  }

  it("moves to the trash, lists, restores and deletes forever; others get 404 and nobody 401", async () => {
    const me = await signUp(baseUrl());
    const other = await signUp(baseUrl());
    const saved = await create(me, "to trash");
    expect((await api(`/api/workflows/${saved.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(204);
    expect((await api(`/api/workflows/${saved.id}`, { token: me.accessToken })).status).toBe(404);
    expect((await api(`/api/workflows/${saved.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(404);

    const trash = await (await api("/api/trash?limit=10", { token: me.accessToken })).json();
    expect(trash.items.map((item: { id: string }) => item.id)).toEqual([saved.id]);

    for (const [method, path] of [
      ["POST", `/api/trash/${saved.id}/restore`],
      ["DELETE", `/api/trash/${saved.id}`],
    ] as const) {
      const theirs = await api(path, { method, token: other.accessToken });
      expect(theirs.status).toBe(404);
      expect((await theirs.json()).error).toMatchObject({ code: "NOT_FOUND", requestId: expect.any(String) });
      expect((await api(path.replace(saved.id, randomUUID()), { method, token: me.accessToken })).status).toBe(404);
      expect((await api(path, { method })).status).toBe(401);
    }
    expect((await (await api("/api/trash", { token: other.accessToken })).json()).items).toEqual([]);
    expect((await api("/api/trash?cursor=forged", { token: me.accessToken })).status).toBe(400);
    expect((await api("/api/trash/not-a-uuid/restore", { method: "POST", token: me.accessToken })).status).toBe(400);

    const restored = await api(`/api/trash/${saved.id}/restore`, { method: "POST", token: me.accessToken });
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ id: saved.id, name: "to trash", version: 1 });

    expect((await api(`/api/workflows/${saved.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(204);
    expect((await api(`/api/trash/${saved.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(204);
    expect((await api(`/api/trash/${saved.id}/restore`, { method: "POST", token: me.accessToken })).status).toBe(404);
    expect((await (await api("/api/trash", { token: me.accessToken })).json()).items).toEqual([]);
  });

  it("pages the trash by an opaque cursor, most recently deleted first", async () => {
    const me = await signUp(baseUrl());
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const saved = await create(me, `w${n}`);
      expect((await api(`/api/workflows/${saved.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(204);
      ids.unshift(saved.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await (
        await api(`/api/trash?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { token: me.accessToken })
      ).json();
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });
});
