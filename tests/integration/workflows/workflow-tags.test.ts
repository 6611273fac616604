/**
 * Tags (docs/decisions/087) through tRPC and over real HTTP: set and normalised, refused whole when bad, owner-only,
 * apart from the code (no version, no conflict, no new update time), and the list's tag filter and tag counts.
 */
import { describe, expect, it } from "vitest";
import { signUp, type ApiSession } from "../../helpers/api-session";
import { callerFor, createUser, expectAppError } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

async function signedIn() {
  const user = await createUser(db());
  return { user, api: callerFor(db(), user) };
}

function http(session: ApiSession | null, path: string, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${baseUrl()}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

describe("workflow.setTags", () => {
  it("stores tags normalised — trimmed, spaces collapsed, lower-case, duplicates dropped — in list items and get", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "etl job", code: "x = 1\n" });
    expect(saved.tags).toEqual([]);
    const set = await api.workflow.setTags({ id: saved.id, tags: ["  Nightly  Run ", "ETL", "etl", "Ünïcode", "c++"] });
    expect(set).toEqual({ id: saved.id, tags: ["nightly run", "etl", "ünïcode", "c++"] });
    expect((await api.workflow.get({ id: saved.id })).tags).toEqual(["nightly run", "etl", "ünïcode", "c++"]);
    expect((await api.workflow.list({})).items[0]!.tags).toEqual(["nightly run", "etl", "ünïcode", "c++"]);
    // Replaced as a whole; an empty list clears them.
    expect((await api.workflow.setTags({ id: saved.id, tags: [] })).tags).toEqual([]);
    expect((await api.workflow.get({ id: saved.id })).tags).toEqual([]);
  });

  it("makes no version and no new update time, so an editor's next save does not conflict", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "flow", code: "a = 1\n" });
    await api.workflow.setTags({ id: saved.id, tags: ["keep"] });
    const after = await api.workflow.get({ id: saved.id });
    expect(after.version).toBe(saved.version);
    expect(after.updatedAt).toBe(saved.updatedAt);
    // The editor still holds version 1: its save goes through and keeps the tags.
    const next = await api.workflow.save({ id: saved.id, name: "flow", code: "a = 2\n", expectedVersion: saved.version });
    expect(next.version).toBe(2);
    expect(next.tags).toEqual(["keep"]);
    expect((await api.workflow.versions({ id: saved.id })).items).toHaveLength(2); // current + the one code change
  });

  it("refuses bad tags with a field error and changes nothing", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "flow", code: "" });
    await api.workflow.setTags({ id: saved.id, tags: ["before"] });
    const bad: unknown[][] = [
      ["ok", "   "], // empty after trimming
      ["x".repeat(33)],
      ["a,b"],
      ["path/like"],
      ["rocket 🚀"],
      ["nul\u0000"],
      ["<script>"],
      Array.from({ length: 11 }, (_, i) => `t${i}`),
      [42],
    ];
    for (const tags of bad) {
      const error = await expectAppError(api.workflow.setTags({ id: saved.id, tags: tags as string[] }), "BAD_REQUEST");
      expect(Object.keys(error.extra.fields ?? {}).join(" "), JSON.stringify(tags)).toMatch(/tags/);
    }
    expect((await api.workflow.get({ id: saved.id })).tags).toEqual(["before"]);
    // 32 characters is allowed, and 11 that are 10 after dropping duplicates too.
    const ok = await api.workflow.setTags({ id: saved.id, tags: ["é".repeat(32), ...Array.from({ length: 9 }, (_, i) => `t${i}`), "T0"] });
    expect(ok.tags).toHaveLength(10);
  });

  it("is 404 for another person's, a trashed or a missing workflow", async () => {
    const { api } = await signedIn();
    const other = await signedIn();
    const saved = await api.workflow.save({ name: "mine", code: "" });
    await expectAppError(other.api.workflow.setTags({ id: saved.id, tags: ["theirs"] }), "NOT_FOUND");
    await expectAppError(api.workflow.setTags({ id: crypto.randomUUID(), tags: ["x"] }), "NOT_FOUND");
    await api.workflow.delete({ id: saved.id });
    await expectAppError(api.workflow.setTags({ id: saved.id, tags: ["x"] }), "NOT_FOUND");
    await api.workflow.restoreFromTrash({ id: saved.id });
    expect((await api.workflow.get({ id: saved.id })).tags).toEqual([]);
  });

  it("keeps the tags on a duplicate", async () => {
    const { api } = await signedIn();
    const saved = await api.workflow.save({ name: "orig", code: "" });
    await api.workflow.setTags({ id: saved.id, tags: ["a", "b"] });
    expect((await api.workflow.duplicate({ id: saved.id })).tags).toEqual(["a", "b"]);
  });
});

describe("the tag filter and the tag list", () => {
  it("lists only workflows with every tag asked for, with the framework filter and the search", async () => {
    const { api } = await signedIn();
    const a = await api.workflow.save({ name: "a", code: "from prefect import flow\n\n@flow\ndef main():\n    pass\n" });
    const b = await api.workflow.save({ name: "b", code: "x = 1\n" });
    const c = await api.workflow.save({ name: "c", code: "y = 2\n" });
    await api.workflow.setTags({ id: a.id, tags: ["etl", "nightly"] });
    await api.workflow.setTags({ id: b.id, tags: ["etl"] });
    await api.workflow.setTags({ id: c.id, tags: ["reports"] });
    const names = async (input: Parameters<typeof api.workflow.list>[0]) => (await api.workflow.list(input)).items.map((i) => i.name).sort();
    expect(await names({ tags: ["etl"] })).toEqual(["a", "b"]);
    expect(await names({ tags: [" ETL ", "Nightly"] })).toEqual(["a"]);
    expect(await names({ tags: ["etl"], dialects: ["generic"] })).toEqual(["b"]);
    expect(await names({ tags: ["etl"], search: "a" })).toEqual(["a"]);
    expect(await names({ tags: ["nope"] })).toEqual([]);
    await expectAppError(api.workflow.list({ tags: ["bad,tag"] }), "BAD_REQUEST");
  });

  it("counts tags over live workflows only: trashed workflows' tags are not offered", async () => {
    const { api } = await signedIn();
    const stranger = await signedIn();
    const a = await api.workflow.save({ name: "a", code: "" });
    const b = await api.workflow.save({ name: "b", code: "" });
    await api.workflow.setTags({ id: a.id, tags: ["zeta", "alpha"] });
    await api.workflow.setTags({ id: b.id, tags: ["alpha", "binned"] });
    const s = await stranger.api.workflow.save({ name: "s", code: "" });
    await stranger.api.workflow.setTags({ id: s.id, tags: ["strangers"] });
    expect((await api.workflow.tags()).items).toEqual([
      { tag: "alpha", count: 2 },
      { tag: "binned", count: 1 },
      { tag: "zeta", count: 1 },
    ]);
    await api.workflow.delete({ id: b.id });
    expect((await api.workflow.tags()).items).toEqual([
      { tag: "alpha", count: 1 },
      { tag: "zeta", count: 1 },
    ]);
    expect((await api.workflow.list({ tags: ["binned"] })).items).toEqual([]);
  });
});

describe("over REST", () => {
  it("PUT /api/workflows/:id/tags sets them; GET /api/workflows?tag=…&tag=… filters; GET /api/tags counts", async () => {
    const me = await signUp(baseUrl());
    const other = await signUp(baseUrl());
    const created = await http(me, "/api/workflows", { method: "POST", body: { name: "rest", code: "x = 1\n" } });
    const { id } = (await created.json()) as { id: string };
    const two = (await (await http(me, "/api/workflows", { method: "POST", body: { name: "two", code: "" } })).json()) as { id: string };

    const put = await http(me, `/api/workflows/${id}/tags`, { method: "PUT", body: { tags: ["Data Eng", "daily"] } });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ id, tags: ["data eng", "daily"] });
    await http(me, `/api/workflows/${two.id}/tags`, { method: "PUT", body: { tags: ["daily"] } });

    const list = async (query: string) => {
      const response = await http(me, `/api/workflows${query}`);
      expect(response.status, query).toBe(200);
      return ((await response.json()) as { items: { name: string; tags: string[] }[] }).items;
    };
    expect((await list("?tag=daily")).map((i) => i.name).sort()).toEqual(["rest", "two"]);
    expect(await list("?tag=daily&tag=Data%20Eng")).toEqual([expect.objectContaining({ name: "rest", tags: ["data eng", "daily"] })]);

    const tags = await http(me, "/api/tags");
    expect(await tags.json()).toEqual({ items: [{ tag: "daily", count: 2 }, { tag: "data eng", count: 1 }] });

    // Refusals in the one error shape, changing nothing.
    const bad = await http(me, `/api/workflows/${id}/tags`, { method: "PUT", body: { tags: ["ok", "no/slash"] } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(Object.keys(body.error.fields)).toEqual(["tags.1"]);
    expect((await http(me, `/api/workflows/${id}/tags`, { method: "PUT", body: { tags: "daily" } })).status).toBe(400);
    expect((await http(me, `/api/workflows/${id}/tags`, { method: "PUT", body: { id, tags: [] } })).status).toBe(400);
    expect((await http(me, "/api/workflows?tag=a,b")).status).toBe(400);
    expect((await http(me, `/api/workflows/${id}/tags`, { method: "PUT", body: {} })).status).toBe(400);
    const theirs = await http(other, `/api/workflows/${id}/tags`, { method: "PUT", body: { tags: [] } });
    expect(theirs.status).toBe(404);
    expect(((await theirs.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect((await http(null, `/api/workflows/${id}/tags`, { method: "PUT", body: { tags: [] } })).status).toBe(401);
    expect((await http(null, "/api/tags")).status).toBe(401);
    expect(((await (await http(other, "/api/tags")).json()) as { items: unknown[] }).items).toEqual([]);
    const still = (await (await http(me, `/api/workflows/${id}`)).json()) as { tags: string[]; version: number };
    expect(still).toMatchObject({ tags: ["data eng", "daily"], version: 1 });
  });
});
