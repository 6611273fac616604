/** Version history over real HTTP: the REST routes, their refusals in the one error shape, and OpenAPI. */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { signUp, type ApiSession } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

// A small storage limit for this file (its own process): read by the configuration on first use.
const STORAGE_LIMIT = 20_000;
process.env.STORAGE_LIMIT_PER_USER_BYTES = String(STORAGE_LIMIT);
afterAll(() => {
  delete process.env.STORAGE_LIMIT_PER_USER_BYTES;
});

setupTestDatabase();
const baseUrl = setupTestServer();

function api(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return fetch(`${baseUrl()}${path}`, { ...init, headers });
}

interface Saved {
  id: string;
  version: number;
  code: string;
  name: string;
}

async function create(session: ApiSession, code: string, name = "flow"): Promise<Saved> {
  const response = await api("/api/workflows", { method: "POST", token: session.accessToken, body: JSON.stringify({ name, code }) });
  expect(response.status).toBe(201);
  return (await response.json()) as Saved;
}

async function put(session: ApiSession, id: string, body: unknown) {
  return api(`/api/workflows/${id}`, { method: "PUT", token: session.accessToken, body: JSON.stringify(body) });
}

function expectErrorShape(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  expect(JSON.stringify(body)).not.toMatch(/stack|node_modules|prisma|SELECT|at \//i);
}

describe("REST version history", () => {
  it("lists, loads and restores versions", async () => {
    const me = await signUp(baseUrl());
    const first = "# first\r\nprint('ü')\n";
    const saved = await create(me, first);
    expect((await put(me, saved.id, { code: "# second\n", expectedVersion: 1 })).status).toBe(200);
    expect((await put(me, saved.id, { name: "renamed", expectedVersion: 2 })).status).toBe(200);

    const list = await api(`/api/workflows/${saved.id}/versions?limit=10`, { token: me.accessToken });
    expect(list.status).toBe(200);
    const page = await list.json();
    expect(page.items.map((item: { version: number; current: boolean; name: string }) => [item.version, item.current, item.name])).toEqual([
      [3, true, "renamed"],
      [1, false, "flow"],
    ]);
    expect(page.nextCursor).toBeNull();

    const one = await api(`/api/workflows/${saved.id}/versions/1`, { token: me.accessToken });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: saved.id, version: 1, code: first, current: false });

    const restore = await api(`/api/workflows/${saved.id}/versions/1/restore`, {
      method: "POST",
      token: me.accessToken,
      body: JSON.stringify({ expectedVersion: 3 }),
    });
    expect(restore.status).toBe(200);
    expect(await restore.json()).toMatchObject({ id: saved.id, version: 4, code: first, name: "renamed" });

    const stale = await api(`/api/workflows/${saved.id}/versions/1/restore`, {
      method: "POST",
      token: me.accessToken,
      body: JSON.stringify({ expectedVersion: 3 }),
    });
    expect(stale.status).toBe(409);
    const conflict = await stale.json();
    expectErrorShape(conflict, "CONFLICT");
    expect(conflict.error.details).toMatchObject({ currentVersion: 4 });

    const after = await (await api(`/api/workflows/${saved.id}/versions`, { token: me.accessToken })).json();
    expect(after.items.map((item: { version: number }) => item.version)).toEqual([4, 3, 1]);
  });

  it("refuses bad input with a 400 and changes nothing", async () => {
    const me = await signUp(baseUrl());
    const saved = await create(me, "a = 1\n");
    const cases: Array<[string, string, unknown]> = [
      ["GET", `/api/workflows/${saved.id}/versions/zero`, undefined],
      ["GET", `/api/workflows/${saved.id}/versions/0`, undefined],
      ["GET", `/api/workflows/${saved.id}/versions?limit=1000`, undefined],
      ["GET", `/api/workflows/${saved.id}/versions?cursor=forged`, undefined],
      ["GET", `/api/workflows/${saved.id}/versions?extra=1`, undefined],
      ["GET", "/api/workflows/not-a-uuid/versions", undefined],
      ["POST", `/api/workflows/${saved.id}/versions/1/restore`, {}],
      ["POST", `/api/workflows/${saved.id}/versions/1/restore`, { expectedVersion: "one" }],
      ["POST", `/api/workflows/${saved.id}/versions/1/restore`, { expectedVersion: 1, id: randomUUID() }],
      ["POST", `/api/workflows/${saved.id}/versions/1/restore`, { expectedVersion: 1, version: 2 }],
    ];
    for (const [method, path, body] of cases) {
      const response = await api(path, { method, token: me.accessToken, body: body === undefined ? undefined : JSON.stringify(body) });
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expectErrorShape(await response.json(), "BAD_REQUEST");
    }
    const notJson = await api(`/api/workflows/${saved.id}/versions/1/restore`, { method: "POST", token: me.accessToken, body: "{" });
    expect(notJson.status).toBe(400);
    expect(await (await api(`/api/workflows/${saved.id}`, { token: me.accessToken })).json()).toMatchObject({ version: 1 });
  });

  it("answers another person's workflow with 404, exactly as a missing one, and nobody with 401", async () => {
    const owner = await signUp(baseUrl());
    const other = await signUp(baseUrl());
    const saved = await create(owner, "secret = 1\n");
    expect((await put(owner, saved.id, { code: "secret = 2\n", expectedVersion: 1 })).status).toBe(200);
    const routes: Array<[string, string, unknown?]> = [
      ["GET", `/api/workflows/${saved.id}/versions`],
      ["GET", `/api/workflows/${saved.id}/versions/1`],
      ["POST", `/api/workflows/${saved.id}/versions/1/restore`, { expectedVersion: 2 }],
    ];
    for (const [method, path, body] of routes) {
      const init = { method, body: body === undefined ? undefined : JSON.stringify(body) };
      const theirs = await api(path, { ...init, token: other.accessToken });
      expect(theirs.status, `${method} ${path}`).toBe(404);
      const theirsBody = await theirs.json();
      expectErrorShape(theirsBody, "NOT_FOUND");
      const missing = await api(path.replace(saved.id, randomUUID()), { ...init, token: other.accessToken });
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.message).toBe(theirsBody.error.message);
      const nobody = await api(path, init);
      expect(nobody.status).toBe(401);
      expectErrorShape(await nobody.json(), "UNAUTHORIZED");
    }
    const after = await (await api(`/api/workflows/${saved.id}`, { token: owner.accessToken })).json();
    expect(after).toMatchObject({ version: 2, code: "secret = 2\n" });
  });

  it("answers 413 with the current usage once the person's storage is full, over workflows and history", async () => {
    const me = await signUp(baseUrl());
    const code = "x".repeat(8_000);
    const saved = await create(me, code);
    expect((await put(me, saved.id, { code: `${code}y`, expectedVersion: 1 })).status).toBe(200); // 16,001 bytes in all
    const full = await put(me, saved.id, { code: `${code}zz`, expectedVersion: 2 });
    expect(full.status).toBe(413);
    const body = await full.json();
    expectErrorShape(body, "PAYLOAD_TOO_LARGE");
    expect(body.error.details).toEqual({ usedBytes: 16_001, limitBytes: STORAGE_LIMIT, neededBytes: 8_002 });
    const another = await api("/api/workflows", { method: "POST", token: me.accessToken, body: JSON.stringify({ name: "more", code }) });
    expect(another.status).toBe(413);
    const restore = await api(`/api/workflows/${saved.id}/versions/1/restore`, {
      method: "POST",
      token: me.accessToken,
      body: JSON.stringify({ expectedVersion: 2 }),
    });
    expect(restore.status).toBe(413);
    const after = await (await api(`/api/workflows/${saved.id}/versions`, { token: me.accessToken })).json();
    expect(after.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
    // Someone else's storage is their own.
    const other = await signUp(baseUrl());
    await create(other, code);
  });

  it("is described in OpenAPI", async () => {
    const doc = await (await api("/api/openapi.json")).json();
    expect(doc.paths["/api/workflows/{id}/versions"].get.responses["200"]).toBeDefined();
    expect(doc.paths["/api/workflows/{id}/versions/{version}"].get.responses["404"]).toBeDefined();
    const restore = doc.paths["/api/workflows/{id}/versions/{version}/restore"].post;
    expect(restore.requestBody.content["application/json"].schema.required).toEqual(["expectedVersion"]);
    expect(restore.responses["409"]).toBeDefined();
    expect(restore.responses["413"]).toBeDefined();
  });
});
