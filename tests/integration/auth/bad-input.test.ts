/** "Bad input" and point 10: every auth endpoint answers 400/413/415 in the one shape, stores nothing, logs nothing it should not. */
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { captureLogs, expectNoSecrets } from "../../helpers/auth";

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const logs = captureLogs();

const ENDPOINTS = ["/api/auth/register", "/api/auth/token", "/api/auth/token/refresh", "/api/auth/token/revoke"];
const HUGE_PASSWORD = "p".repeat(1024 * 1024);
const LONG_EMAIL = `${"a".repeat(9_988)}@example.com`;

function expectOneShape(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  const keys = Object.keys((body as { error: object }).error).sort();
  expect(keys.every((key) => ["code", "details", "fields", "message", "requestId"].includes(key))).toBe(true);
  expect(JSON.stringify(body)).not.toMatch(/stack|at \/|node_modules|prisma/i);
}

async function send(path: string, body: string, contentType = "application/json") {
  const response = await fetch(`${baseUrl()}${path}`, { method: "POST", headers: { "content-type": contentType }, body });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("bad input on the auth endpoints", () => {
  const cases: Array<[string, string, number, string]> = [
    ["malformed JSON", "{not json", 400, "BAD_REQUEST"],
    ["an empty body", "", 400, "BAD_REQUEST"],
    ["a JSON array", "[]", 400, "BAD_REQUEST"],
    ["null", "null", 400, "BAD_REQUEST"],
    ["wrong types", JSON.stringify({ email: 42, password: ["x"], refreshToken: {} }), 400, "BAD_REQUEST"],
    ["unknown fields", JSON.stringify({ email: "x@example.com", password: "long enough", refreshToken: "t", admin: true }), 400, "BAD_REQUEST"],
  ];
  for (const endpoint of ENDPOINTS) {
    for (const [name, body, status, code] of cases) {
      it(`${endpoint}: ${name} → ${status}`, async () => {
        const result = await send(endpoint, body);
        expect(result.status).toBe(status);
        expectOneShape(result.body, code);
      });
    }
    it(`${endpoint}: a body of another type → 415`, async () => {
      const result = await send(endpoint, "email=x&password=y", "application/x-www-form-urlencoded");
      expect(result.status).toBe(415);
      expectOneShape(result.body, "UNSUPPORTED_MEDIA_TYPE");
    });
    it(`${endpoint}: a 1 MB password → 413, the body not kept past 16 KiB (the rest discarded so the 413 arrives)`, async () => {
      const result = await send(endpoint, JSON.stringify({ email: "big@example.com", password: HUGE_PASSWORD }));
      expect(result.status).toBe(413);
      expectOneShape(result.body, "PAYLOAD_TOO_LARGE");
    });
  }

  it("refuses a 10,000-character email, NUL bytes, and a bad email, with field errors", async () => {
    for (const body of [
      { email: LONG_EMAIL, password: "long enough" },
      { email: "nul\u0000@example.com", password: "long enough" },
      { email: "nul@example.com", password: "long\u0000enough" },
      { email: "not-an-email", password: "long enough" },
    ]) {
      for (const endpoint of ["/api/auth/register", "/api/auth/token"]) {
        const result = await send(endpoint, JSON.stringify(body));
        expect(result.status).toBe(400);
        expectOneShape(result.body, "BAD_REQUEST");
        expect((result.body as { error: { fields: object } }).error.fields).toBeTruthy();
      }
    }
  });

  it("refuses a 1 MB password streamed without Content-Length, and a huge tRPC input, never with a 500", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode("p".repeat(64 * 1024));
        controller.enqueue(new TextEncoder().encode('{"email":"s@example.com","password":"'));
        for (let i = 0; i < 16; i++) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const streamed = await fetch(`${baseUrl()}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expectOneShape(await streamed.json(), "PAYLOAD_TOO_LARGE");

    const trpc = await fetch(`${baseUrl()}/api/trpc/auth.register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: LONG_EMAIL, password: HUGE_PASSWORD }),
    });
    expect(trpc.status).toBe(400);
    expectOneShape(await trpc.json(), "BAD_REQUEST");
    const unknownField = await fetch(`${baseUrl()}/api/trpc/auth.register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "u@example.com", password: "long enough", role: "admin" }),
    });
    expect(unknownField.status).toBe(400);
    expectOneShape(await unknownField.json(), "BAD_REQUEST");
  });

  it("stored nothing and logged none of it", async () => {
    expect(await db().prisma.user.count()).toBe(0);
    expect(await db().prisma.authSession.count()).toBe(0);
    const all = logs().join("\n");
    expect(all).not.toContain("p".repeat(100));
    expect(all).not.toContain("a".repeat(100));
    expectNoSecrets(logs(), ["long enough", "long\u0000enough"]);
    expect(all).not.toMatch(/"status":5\d\d/);
  });
});
