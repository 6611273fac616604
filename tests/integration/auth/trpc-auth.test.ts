/** Points 2, 3 and 5 over tRPC: register, me, changePassword, logoutEverywhere; callers and HTTP. */
import type { inferProcedureInput } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createInnerContext } from "../../../src/server/api/context";
import { appRouter, createCaller, type AppRouter } from "../../../src/server/api/root";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { browserLogIn, captureLogs, expectNoSecrets, PASSWORD, postJson, tokens } from "../../helpers/auth";

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const logs = captureLogs();

const NEW_PASSWORD = "a brand new passphrase";

const caller = (user: { id: string; email: string; sessionId?: string } | null = null) =>
  createCaller(createInnerContext({ db: db(), user, clientAddress: "192.0.2.1", userAgent: "vitest" }));

async function meStatus(accessToken: string) {
  return (await fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
}

describe("the auth router", () => {
  it("is mounted as `auth` with register, me, changePassword and logoutEverywhere", () => {
    expect(Object.keys(appRouter._def.procedures).filter((key) => key.startsWith("auth."))).toEqual(
      expect.arrayContaining(["auth.register", "auth.me", "auth.changePassword", "auth.logoutEverywhere"]),
    );
  });

  it("registers through a caller, and audits it with the context's address and user agent", async () => {
    const input: inferProcedureInput<AppRouter["auth"]["register"]> = { email: "Hopper@Example.com", password: PASSWORD };
    expect(await caller().auth.register(input)).toEqual({ message: "Check your email to finish signing up" });
    const user = await db().prisma.user.findUniqueOrThrow({ where: { email: "hopper@example.com" } });
    expect(user.emailVerifiedAt).toBeNull();
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { type: "register" } });
    expect(event).toMatchObject({ userId: user.id, clientAddress: "192.0.2.1", userAgent: "vitest" });
  });

  it("answers UNAUTHORIZED to protected procedures without a user, in the one shape over HTTP", async () => {
    await expect(caller().auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller().auth.logoutEverywhere()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const response = await fetch(`${baseUrl()}/api/trpc/auth.me`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String), requestId: expect.any(String) } });
  });

  it("answers me over HTTP with a bearer token", async () => {
    const pair = await tokens(baseUrl(), "hopper@example.com");
    const response = await fetch(`${baseUrl()}/api/trpc/auth.me`, { headers: { authorization: `Bearer ${pair.accessToken}` } });
    expect(response.status).toBe(200);
    expect((await response.json()).result.data).toEqual({ user: { id: expect.any(String), email: "hopper@example.com", emailVerified: false } });
  });

  it("changes the password only with the current one, and ends every other session", async () => {
    const current = await tokens(baseUrl(), "hopper@example.com");
    const other = await tokens(baseUrl(), "hopper@example.com");
    const browser = await browserLogIn(baseUrl(), "hopper@example.com");
    expect((await fetch(`${baseUrl()}/api/me`, { headers: { cookie: browser.jar.header() } })).status).toBe(200);

    const wrong = await fetch(`${baseUrl()}/api/trpc/auth.changePassword`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${current.accessToken}` },
      body: JSON.stringify({ currentPassword: "not my password", newPassword: NEW_PASSWORD }),
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.fields.currentPassword).toBeTruthy();

    const changed = await fetch(`${baseUrl()}/api/trpc/auth.changePassword`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${current.accessToken}` },
      body: JSON.stringify({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    });
    expect(changed.status).toBe(200);
    expect((await changed.json()).result.data.endedSessions).toBeGreaterThanOrEqual(3);

    expect(await meStatus(current.accessToken)).toBe(200);
    expect(await meStatus(other.accessToken)).toBe(401);
    expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: other.refreshToken })).status).toBe(401);
    expect((await fetch(`${baseUrl()}/api/me`, { headers: { cookie: browser.jar.header() } })).status).toBe(401);
    expect((await postJson(baseUrl(), "/api/auth/token", { email: "hopper@example.com", password: PASSWORD })).status).toBe(401);
    await tokens(baseUrl(), "hopper@example.com", NEW_PASSWORD);
    expect(await db().prisma.auditEvent.count({ where: { type: "password_change" } })).toBe(1);
    expect(await db().prisma.auditEvent.count({ where: { type: "password_change_failure" } })).toBe(1);
  });

  it("logs out everywhere: every session and refresh token of the user is revoked", async () => {
    const a = await tokens(baseUrl(), "hopper@example.com", NEW_PASSWORD);
    const b = await tokens(baseUrl(), "hopper@example.com", NEW_PASSWORD);
    const response = await fetch(`${baseUrl()}/api/trpc/auth.logoutEverywhere`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${a.accessToken}` },
      body: "{}",
    });
    expect(response.status).toBe(200);
    for (const pair of [a, b]) {
      expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: pair.refreshToken })).status).toBe(401);
      expect(await meStatus(pair.accessToken)).toBe(401);
    }
    const user = await db().prisma.user.findUniqueOrThrow({ where: { email: "hopper@example.com" } });
    expect(await db().prisma.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db().prisma.authSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db().prisma.auditEvent.count({ where: { type: "logout_everywhere", userId: user.id } })).toBe(1);
  });

  it("logs no password", () => {
    expectNoSecrets(logs(), [PASSWORD, NEW_PASSWORD, "not my password"]);
  });
});
