/**
 * Issue 12, sections 1 and 6: what a tRPC request may be. A batch holds at most 10 calls and at most 2 heavy ones
 * (src/lib/api-limits.ts); tRPC reads JSON only. Each attack is refused in the one error shape before any
 * procedure runs: nothing is copied, deleted or stored.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { HEAVY_PROCEDURES, TRPC_MAX_BATCH_CALLS, TRPC_MAX_HEAVY_CALLS_PER_BATCH } from "../../../src/lib/api-limits";
import { appRouter } from "../../../src/server/api/root";
import { bearer, signUp, type ApiSession } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

// Every test signs a new person up: the registration limit per address is not what these tests are about.
beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
});

const CODE = "from prefect import flow, task\n\n@task\ndef a():\n    return 1\n\n@flow\ndef f():\n    a()\n";

async function create(me: ApiSession, name: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/workflows`, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(me.accessToken) },
    body: JSON.stringify({ name, code: CODE }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** A batch as tRPC's httpBatchLink sends it: paths joined by commas, inputs by index. */
function batch(me: ApiSession, procedure: string, inputs: unknown[], mutation: boolean) {
  const path = `/api/trpc/${inputs.map(() => procedure).join(",")}?batch=1`;
  const indexed = Object.fromEntries(inputs.map((input, i) => [String(i), input]));
  if (!mutation) {
    return fetch(`${baseUrl()}${path}&input=${encodeURIComponent(JSON.stringify(indexed))}`, { headers: bearer(me.accessToken) });
  }
  return fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(me.accessToken) },
    body: JSON.stringify(indexed),
  });
}

function expectRefusal(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  expect(Object.keys((body as { error: object }).error).sort()).toEqual(
    expect.arrayContaining(["code", "message", "requestId"]),
  );
  expect(JSON.stringify(body)).not.toMatch(/stack|node_modules|prisma|at \//i);
}

const countWorkflows = (me: ApiSession) => db().prisma.workflow.count({ where: { ownerId: me.userId } });

describe("tRPC batch size", () => {
  it(`refuses a batch of ${TRPC_MAX_BATCH_CALLS + 1} calls in the one shape, and runs none of them`, async () => {
    const me = await signUp(baseUrl());
    const ids = await Promise.all(Array.from({ length: TRPC_MAX_BATCH_CALLS + 1 }, (_, i) => create(me, `w${i}`)));
    const response = await batch(me, "workflow.delete", ids.map((id) => ({ id })), true);
    expect(response.status).toBe(400);
    const body = await response.json();
    expectRefusal(body, "BAD_REQUEST");
    expect(body.error.details).toEqual({ limit: TRPC_MAX_BATCH_CALLS, calls: TRPC_MAX_BATCH_CALLS + 1 });
    expect(body.error.requestId).toBe(response.headers.get("x-request-id"));
    expect(await countWorkflows(me)).toBe(ids.length);
  });

  it("refuses the ~166 calls that fit in one URL as quickly, without authenticating or parsing them", async () => {
    const me = await signUp(baseUrl());
    const response = await batch(me, "workflow.list", Array.from({ length: 166 }, () => ({})), false);
    expect(response.status).toBe(400);
    expectRefusal(await response.json(), "BAD_REQUEST");
  });

  it(`still answers a batch of ${TRPC_MAX_BATCH_CALLS} light calls`, async () => {
    const me = await signUp(baseUrl());
    const response = await batch(me, "workflow.list", Array.from({ length: TRPC_MAX_BATCH_CALLS }, () => ({})), false);
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(TRPC_MAX_BATCH_CALLS);
  });
});

describe("heavy calls per batch", () => {
  it(`refuses ${TRPC_MAX_HEAVY_CALLS_PER_BATCH + 1} workflow.duplicate in one batch (the 101-byte, 12-second batch of the report), copying nothing`, async () => {
    const me = await signUp(baseUrl());
    const id = await create(me, "original");
    const response = await batch(me, "workflow.duplicate", Array.from({ length: TRPC_MAX_HEAVY_CALLS_PER_BATCH + 1 }, () => ({ id })), true);
    expect(response.status).toBe(400);
    const body = await response.json();
    expectRefusal(body, "BAD_REQUEST");
    expect(body.error.details).toEqual({ limit: TRPC_MAX_HEAVY_CALLS_PER_BATCH, heavyCalls: TRPC_MAX_HEAVY_CALLS_PER_BATCH + 1 });
    expect(await countWorkflows(me)).toBe(1);
  });

  it("refuses 3 workflow.graph in one batch, and counts heavy calls mixed with light ones", async () => {
    const me = await signUp(baseUrl());
    const id = await create(me, "drawn");
    const graphs = await batch(me, "workflow.graph", [{ id }, { id }, { id }], false);
    expect(graphs.status).toBe(400);
    expectRefusal(await graphs.json(), "BAD_REQUEST");
    const mixed = `/api/trpc/workflow.list,workflow.graph,workflow.get,workflow.graph,workflow.graph?batch=1&input=${encodeURIComponent(
      JSON.stringify({ 0: {}, 1: { id }, 2: { id }, 3: { id }, 4: { id } }),
    )}`;
    const response = await fetch(`${baseUrl()}${mixed}`, { headers: bearer(me.accessToken) });
    expect(response.status).toBe(400);
    expect((await response.json()).error.details).toEqual({ limit: 2, heavyCalls: 3 });
    // Two heavy calls are within the cap.
    const two = await batch(me, "workflow.graph", [{ id }, { id }], false);
    expect(two.status).toBe(200);
  });

  it("names only procedures that exist as heavy", () => {
    const procedures = Object.keys(appRouter._def.procedures);
    for (const heavy of HEAVY_PROCEDURES) expect(procedures).toContain(heavy);
  });
});

describe("JSON only", () => {
  const attempts: Array<[string, string | undefined, BodyInit]> = [
    ["multipart/form-data", undefined, (() => {
      const form = new FormData();
      form.set("name", "via a form");
      form.set("code", CODE);
      return form;
    })()],
    ["application/octet-stream", "application/octet-stream", new Uint8Array([123, 125])],
    ["a form", "application/x-www-form-urlencoded", "name=via+a+form&code=x"],
    ["text/plain", "text/plain", JSON.stringify({ name: "as text", code: CODE })],
    ["no content type", undefined, new Blob([JSON.stringify({ name: "untyped", code: CODE })])],
  ];

  for (const [label, contentType, body] of attempts) {
    it(`refuses a mutation sent as ${label} with 415 in the one shape, storing nothing`, async () => {
      const me = await signUp(baseUrl());
      const headers: Record<string, string> = { ...bearer(me.accessToken) };
      if (contentType) headers["content-type"] = contentType;
      const response = await fetch(`${baseUrl()}/api/trpc/workflow.create`, { method: "POST", headers, body });
      expect(response.status).toBe(415);
      expectRefusal(await response.json(), "UNSUPPORTED_MEDIA_TYPE");
      expect(response.headers.get("connection")).toBe("close");
      expect(await countWorkflows(me)).toBe(0);
    });
  }

  it("still takes JSON, with or without a charset", async () => {
    const me = await signUp(baseUrl());
    for (const contentType of ["application/json", "application/json; charset=utf-8"]) {
      const response = await fetch(`${baseUrl()}/api/trpc/workflow.create`, {
        method: "POST",
        headers: { "content-type": contentType, ...bearer(me.accessToken) },
        body: JSON.stringify({ name: contentType, code: CODE }),
      });
      expect(response.status).toBe(200);
    }
    expect(await countWorkflows(me)).toBe(2);
  });
});
