import { describe, expect, it } from "vitest";
import { getKeyring } from "../../../src/server/auth/keys";
import { signAccessToken } from "../../../src/server/auth/tokens";
import { MAX_CODE_BYTES } from "../../../src/lib/validation/workflow";
import { bearer, signUp, type ApiSession } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

const CODE = "from prefect import flow, task\n\n@task\ndef a():\n    return 1\n\n@task\ndef b(x):\n    return x\n\n@flow\ndef f():\n    b(a())\n";

function api(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return fetch(`${baseUrl()}${path}`, { ...init, headers });
}

async function create(session: ApiSession, name = "flow", code = CODE) {
  const response = await api("/api/workflows", { method: "POST", token: session.accessToken, body: JSON.stringify({ name, code }) });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; version: number; code: string; name: string; updatedAt: string };
}

function expectErrorShape(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  expect(JSON.stringify(body)).not.toMatch(/stack|node_modules|prisma|SELECT|at \//i);
}

describe("REST round trip", () => {
  it("saves, lists, loads, updates, draws and deletes", async () => {
    const me = await signUp(baseUrl());
    const saved = await create(me, "Daily report");
    expect(saved).toMatchObject({ name: "Daily report", version: 1, code: CODE });

    const list = await api("/api/workflows?limit=10&sort=updated", { token: me.accessToken });
    expect(list.status).toBe(200);
    const page = await list.json();
    expect(page.items.map((i: { id: string }) => i.id)).toEqual([saved.id]);
    expect(page.items[0]).not.toHaveProperty("code");
    expect(page.nextCursor).toBeNull();

    const loaded = await api(`/api/workflows/${saved.id}`, { token: me.accessToken });
    expect(await loaded.json()).toMatchObject({ id: saved.id, code: CODE });

    const put = await api(`/api/workflows/${saved.id}`, {
      method: "PUT",
      token: me.accessToken,
      body: JSON.stringify({ code: `${CODE}\n# v2\n`, expectedVersion: 1 }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ version: 2, name: "Daily report" });

    const stale = await api(`/api/workflows/${saved.id}`, {
      method: "PUT",
      token: me.accessToken,
      body: JSON.stringify({ name: "Mine", expectedVersion: 1 }),
    });
    expect(stale.status).toBe(409);
    const conflict = await stale.json();
    expectErrorShape(conflict, "CONFLICT");
    expect(conflict.error.details).toEqual({ currentVersion: 2, updatedAt: expect.any(String) });

    const graph = await api(`/api/workflows/${saved.id}/graph`, { token: me.accessToken });
    const drawn = await graph.json();
    expect(drawn.graph.dialect).toBe("prefect");
    expect(drawn.graph.nodes.map((n: { label: string }) => n.label)).toEqual(expect.arrayContaining(["a", "b"]));

    const deleted = await api(`/api/workflows/${saved.id}`, { method: "DELETE", token: me.accessToken });
    expect(deleted.status).toBe(204);
    expect((await api(`/api/workflows/${saved.id}`, { token: me.accessToken })).status).toBe(404);
  });

  it("describes itself in OpenAPI", async () => {
    const response = await api("/api/openapi.json");
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/workflows", "/api/workflows/{id}", "/api/workflows/{id}/graph"]));
    expect(doc.paths["/api/workflows"].post.requestBody.content["application/json"].schema.required).toEqual(["name", "code"]);
  });
});

describe("the access matrix", () => {
  it("gives data to the owner only; others get 401 or 404 and learn nothing", async () => {
    const owner = await signUp(baseUrl());
    const other = await signUp(baseUrl());
    const saved = await create(owner);
    const keyring = await getKeyring();
    const ownerSessionId = JSON.parse(Buffer.from(owner.accessToken.split(".")[1]!, "base64url").toString()).sid as string;
    const expired = (await signAccessToken({ userId: owner.userId, sessionId: ownerSessionId }, keyring, { now: Date.now() - 3_600_000 })).token;
    const [h, p, s] = owner.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    const tampered = [h, Buffer.from(JSON.stringify({ ...claims, sub: other.userId })).toString("base64url"), s].join(".");
    const resigned = [h, p, Buffer.from("forged-signature").toString("base64url")].join(".");

    const routes: Array<{ method: string; path: string; body?: unknown }> = [
      { method: "GET", path: "/api/workflows" },
      { method: "POST", path: "/api/workflows", body: { name: "x", code: "" } },
      { method: "GET", path: `/api/workflows/${saved.id}` },
      { method: "PUT", path: `/api/workflows/${saved.id}`, body: { code: "stolen", expectedVersion: 1 } },
      { method: "GET", path: `/api/workflows/${saved.id}/graph` },
      { method: "DELETE", path: `/api/workflows/${saved.id}` },
    ];
    const principals: Array<[string, string | undefined, number[]]> = [
      ["nobody", undefined, [401]],
      ["an expired token", expired, [401]],
      ["a tampered token", tampered, [401]],
      ["a re-signed token", resigned, [401]],
    ];
    for (const route of routes) {
      for (const [who, token, statuses] of principals) {
        const response = await api(route.path, { method: route.method, token, body: route.body ? JSON.stringify(route.body) : undefined });
        expect(statuses, `${who}: ${route.method} ${route.path}`).toContain(response.status);
        expectErrorShape(await response.json(), "UNAUTHORIZED");
      }
      const response = await api(route.path, { method: route.method, token: other.accessToken, body: route.body ? JSON.stringify(route.body) : undefined });
      if (route.path === "/api/workflows") {
        // Another person's own list and own create: their data, never the owner's.
        expect(response.status).toBe(route.method === "GET" ? 200 : 201);
        if (route.method === "GET") expect((await response.json()).items.map((i: { id: string }) => i.id)).not.toContain(saved.id);
      } else {
        expect(response.status, `another person: ${route.method} ${route.path}`).toBe(404);
        const body = await response.json();
        expectErrorShape(body, "NOT_FOUND");
        const missing = await api(route.path.replace(saved.id, "00000000-0000-7000-8000-000000000000"), {
          method: route.method,
          token: other.accessToken,
          body: route.body ? JSON.stringify(route.body) : undefined,
        });
        expect(missing.status).toBe(404);
        expect((await missing.json()).error.message).toBe(body.error.message);
      }
    }
    const stored = await db().prisma.workflow.findUniqueOrThrow({ where: { id: saved.id } });
    expect(stored).toMatchObject({ code: CODE, version: 1 });
  });
});

describe("the access matrix over tRPC", () => {
  it("answers every procedure for the owner only", async () => {
    const owner = await signUp(baseUrl());
    const other = await signUp(baseUrl());
    const saved = await create(owner);
    const keyring = await getKeyring();
    const claims = JSON.parse(Buffer.from(owner.accessToken.split(".")[1]!, "base64url").toString());
    const expired = (await signAccessToken({ userId: owner.userId, sessionId: claims.sid }, keyring, { now: Date.now() - 3_600_000 })).token;
    const [h, , s] = owner.accessToken.split(".");
    const tampered = [h, Buffer.from(JSON.stringify({ ...claims, sub: other.userId })).toString("base64url"), s].join(".");
    const id = saved.id;
    const calls: Array<[string, "query" | "mutation", unknown]> = [
      ["workflow.get", "query", { id }],
      ["workflow.graph", "query", { id }],
      ["workflow.save", "mutation", { id, name: "x", code: "stolen", expectedVersion: 1 }],
      ["workflow.update", "mutation", { id, code: "stolen", expectedVersion: 1 }],
      ["workflow.rename", "mutation", { id, name: "stolen" }],
      ["workflow.duplicate", "mutation", { id }],
      ["workflow.delete", "mutation", { id }],
    ];
    const trpc = (path: string, type: "query" | "mutation", input: unknown, token?: string) =>
      type === "query"
        ? api(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { token })
        : api(`/api/trpc/${path}`, { method: "POST", token, body: JSON.stringify(input) });
    for (const [path, type, input] of calls) {
      for (const token of [undefined, expired, tampered]) {
        const response = await trpc(path, type, input, token);
        expect(response.status, path).toBe(401);
        expectErrorShape(await response.json(), "UNAUTHORIZED");
      }
      const response = await trpc(path, type, input, other.accessToken);
      expect(response.status, path).toBe(404);
      expectErrorShape(await response.json(), "NOT_FOUND");
    }
    const theirs = await trpc("workflow.list", "query", {}, other.accessToken);
    expect((await theirs.json()).result.data.items).toEqual([]);
    for (const token of [undefined, expired, tampered]) expect((await trpc("workflow.list", "query", {}, token)).status).toBe(401);
    const mine = await trpc("workflow.get", "query", { id }, owner.accessToken);
    expect((await mine.json()).result.data).toMatchObject({ id, code: CODE, version: 1 });
  });
});

describe("bad input over HTTP", () => {
  it("answers malformed, mistyped, unknown and oversized bodies in the one shape, storing nothing", async () => {
    const me = await signUp(baseUrl());
    const post = (body: string, headers: Record<string, string> = {}) =>
      api("/api/workflows", { method: "POST", token: me.accessToken, body, headers });
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ["{not json", {}, 400, "BAD_REQUEST"],
      ["[1,2]", {}, 400, "BAD_REQUEST"],
      ['{"name": 5, "code": []}', {}, 400, "BAD_REQUEST"],
      ['{"name": "a", "code": "", "ownerId": "x"}', {}, 400, "BAD_REQUEST"],
      ['{"name": "a", "code": ""}', { "content-type": "text/plain" }, 415, "UNSUPPORTED_MEDIA_TYPE"],
      [JSON.stringify({ name: "a", code: "x".repeat(MAX_CODE_BYTES + 1) }), {}, 413, "PAYLOAD_TOO_LARGE"],
      [JSON.stringify({ name: "a", code: "\u0000".repeat(10) }), {}, 400, "BAD_REQUEST"],
    ];
    for (const [body, headers, status, code] of cases) {
      const response = await post(body, headers);
      expect(response.status, body.slice(0, 40)).toBe(status);
      expectErrorShape(await response.json(), code);
    }
    const list = await api("/api/workflows?limit=500", { token: me.accessToken });
    expect(list.status).toBe(400);
    expect((await list.json()).error.fields).toHaveProperty("limit");
    expect((await api("/api/workflows?sort=name&sort=updated", { token: me.accessToken })).status).toBe(400);
    expect((await api("/api/workflows/not-an-id", { token: me.accessToken })).status).toBe(400);
    expect(await db().prisma.workflow.count({ where: { ownerId: me.userId } })).toBe(0);
  });

  it("stops reading a body past its limit instead of buffering it", async () => {
    const me = await signUp(baseUrl());
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // An endless body: the server must answer without reading it all.
        if (sent > 64 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${baseUrl()}/api/workflows`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(me.accessToken) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expectErrorShape(await response.json(), "PAYLOAD_TOO_LARGE");
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it("round-trips a 512 KiB script with tabs, CRLF and every kind of Unicode byte for byte", async () => {
    const me = await signUp(baseUrl());
    const line = "\t# 日本語 émoji 😀 \u200b\u202e rtl \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\r\n";
    const lines = Math.floor((MAX_CODE_BYTES - 3) / Buffer.byteLength(line));
    let code = `\ufeff${line.repeat(lines)}`;
    code += "x".repeat(MAX_CODE_BYTES - Buffer.byteLength(code));
    expect(Buffer.byteLength(code)).toBe(MAX_CODE_BYTES);
    const saved = await create(me, "big", code);
    const loaded = await (await api(`/api/workflows/${saved.id}`, { token: me.accessToken })).json();
    expect(loaded.code === code).toBe(true);
    expect(loaded.size.bytes).toBe(MAX_CODE_BYTES);
  });
});
