/**
 * Issue 13: the API answered by our own server goes through one request pipeline (`route()`): every answer carries the
 * same security headers as what Next serves (next.config.mjs), our request id and `no-store`; errors, wrong methods
 * and unknown credentials leave in the one shape; `/api/me` is the same procedure as `auth.me`.
 */
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- next.config.mjs is plain JavaScript without type declarations
import untypedConfig from "../../../next.config.mjs";
import { bearer, signUp } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

setupTestDatabase();
const baseUrl = setupTestServer();

async function nextHeaders(): Promise<Record<string, string>> {
  const rules = await (untypedConfig as NextConfig).headers!();
  const headers: Record<string, string> = {};
  for (const source of ["/:path*", "/api/:path*"]) {
    for (const { key, value } of rules.find((rule) => rule.source === source)!.headers) headers[key.toLowerCase()] = value;
  }
  return headers;
}

function expectApiHeaders(response: Response, expected: Record<string, string>) {
  for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name), name).toBe(value);
  expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(response.headers.get("cache-control")).toBe("no-store");
}

describe("one request pipeline for the API", () => {
  it("gives every API answer, success or error, REST or tRPC, the same security headers as Next's pages", async () => {
    const expected = await nextHeaders();
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining(["x-content-type-options", "x-frame-options", "referrer-policy", "content-security-policy"]),
    );
    const session = await signUp(baseUrl());
    const answers = await Promise.all([
      fetch(`${baseUrl()}/api/health`),
      fetch(`${baseUrl()}/api/workflows`, { headers: bearer(session.accessToken) }),
      fetch(`${baseUrl()}/api/workflows`),
      fetch(`${baseUrl()}/api/trpc/workflow.list?input=${encodeURIComponent("{}")}`, { headers: bearer(session.accessToken) }),
      fetch(`${baseUrl()}/api/trpc/no.such`),
      fetch(`${baseUrl()}/api/auth/token`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }),
    ]);
    expect(answers.map((response) => response.status)).toEqual([200, 200, 401, 200, 404, 415]);
    for (const response of answers) expectApiHeaders(response, expected);
  });

  it("answers a method a route does not take with 405 in the one shape, naming the ones it takes", async () => {
    const response = await fetch(`${baseUrl()}/api/workflows`, { method: "PATCH" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    const body = await response.json();
    expect(body).toEqual({ error: { code: "METHOD_NOT_SUPPORTED", message: expect.any(String), requestId: response.headers.get("x-request-id") } });
  });

  it("answers an address under /api/ that no route serves with 404 in the one shape, leaving next-auth's to Next", async () => {
    const expected = await nextHeaders();
    for (const path of ["/api/shared/", "/api/nope", "/api/workflows/x/y/z", "/api/trpc/"]) {
      const response = await fetch(`${baseUrl()}${path}`);
      expect(response.status, path).toBe(404);
      expectApiHeaders(response, expected);
      expect(await response.json(), path).toEqual({
        error: { code: "NOT_FOUND", message: expect.any(String), requestId: response.headers.get("x-request-id") },
      });
    }
    const nextAuth = await fetch(`${baseUrl()}/api/auth/csrf`);
    expect(nextAuth.status).toBe(200);
    expect(await nextAuth.json()).toEqual({ csrfToken: expect.any(String) });
  });

  it("answers a path whose escapes do not decode with 400 in the one shape", async () => {
    const response = await fetch(`${baseUrl()}/api/workflows/%ZZ`);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "BAD_REQUEST", requestId: response.headers.get("x-request-id") });
  });

  it("answers /api/me through the same procedure as auth.me", async () => {
    const session = await signUp(baseUrl());
    const rest = await fetch(`${baseUrl()}/api/me`, { headers: bearer(session.accessToken) });
    const trpc = await fetch(`${baseUrl()}/api/trpc/auth.me`, { headers: bearer(session.accessToken) });
    expect(rest.status).toBe(200);
    const restBody = await rest.json();
    expect(restBody).toEqual({ user: { id: session.userId, email: session.email, emailVerified: true } });
    expect((await trpc.json()).result.data).toEqual(restBody);

    const anonymous = await fetch(`${baseUrl()}/api/me`);
    const anonymousTrpc = await fetch(`${baseUrl()}/api/trpc/auth.me`);
    expect([anonymous.status, anonymousTrpc.status]).toEqual([401, 401]);
    const refused = (await anonymous.json()).error;
    expect(refused).toMatchObject({ code: "UNAUTHORIZED", requestId: anonymous.headers.get("x-request-id") });
    expect((await anonymousTrpc.json()).error).toMatchObject({ code: refused.code, message: refused.message });
  });

  it("answers a batched GET of reads in tRPC's format, each call in order, and an error in the batch in the one shape", async () => {
    const session = await signUp(baseUrl());
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: { limit: 5 } }));
    const ok = await fetch(`${baseUrl()}/api/trpc/auth.me,workflow.list?batch=1&input=${input}`, { headers: bearer(session.accessToken) });
    expect(ok.status).toBe(200);
    const [me, list] = (await ok.json()) as Array<{ result: { data: Record<string, unknown> } }>;
    expect(me!.result.data).toEqual({ user: { id: session.userId, email: session.email, emailVerified: true } });
    expect(list!.result.data).toMatchObject({ items: [] });

    const missing = encodeURIComponent(JSON.stringify({ 0: {}, 1: { id: "00000000-0000-7000-8000-000000000000" } }));
    const refused = await fetch(`${baseUrl()}/api/trpc/auth.me,workflow.get?batch=1&input=${missing}`, { headers: bearer(session.accessToken) });
    expect(refused.status).toBe(404); // the status of the batch's errors (responseMeta), as before
    const [first, second] = (await refused.json()) as Array<Record<string, { code?: string; requestId?: string }>>;
    expect(first).toHaveProperty("result");
    expect(second!.error).toMatchObject({ code: "NOT_FOUND", requestId: refused.headers.get("x-request-id") });
  });
});
