import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

setupTestDatabase();
const baseUrl = setupTestServer();

function expectOneShape(body: unknown, code: string) {
  expect(body).toEqual({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  expect(JSON.stringify(body)).not.toMatch(/stack|at \/|node_modules|prisma/i);
}

describe("tRPC errors over HTTP", () => {
  it("answers an unknown procedure with 404 in the one shape", async () => {
    const response = await fetch(`${baseUrl()}/api/trpc/nothing.here`);
    expect(response.status).toBe(404);
    const body = await response.json();
    expectOneShape(body, "NOT_FOUND");
    expect(body.error.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("answers malformed JSON with 400 in the one shape", async () => {
    const response = await fetch(`${baseUrl()}/api/trpc/system.health`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), requestId: expect.any(String) });
  });

  it("keeps the one shape for each call of a batch", async () => {
    const response = await fetch(`${baseUrl()}/api/trpc/nothing.a,nothing.b?batch=1&input=${encodeURIComponent("{}")}`);
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toHaveLength(2);
    for (const item of body) expectOneShape(item, "NOT_FOUND");
  });

  it("stops reading a mutation's body past its limit and answers 413 in the one shape", async () => {
    const response = await fetch(`${baseUrl()}/api/trpc/workflow.save`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "big", code: "x".repeat(3 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expectOneShape(await response.json(), "PAYLOAD_TOO_LARGE");
  });
});
