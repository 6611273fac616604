/** Points 1, 2 and 5 for API clients: register, token, refresh (rotation and reuse), revoke, /api/me, over HTTP. */
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { captureLogs, expectNoSecrets, PASSWORD, postJson, tokens } from "../../helpers/auth";

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const logs = captureLogs();
const seen: string[] = [PASSWORD];

async function me(accessToken: string) {
  return fetch(`${baseUrl()}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
}

describe("accounts for API clients", () => {
  it("has the tables of this issue", async () => {
    const tables = await db().prisma.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["users", "auth_sessions", "refresh_tokens", "audit_events", "rate_limits"]),
    );
  });

  it("registers with 202 and \"Check your email\", normalising the email", async () => {
    const result = await postJson(baseUrl(), "/api/auth/register", { email: "  Ada@Example.COM ", password: PASSWORD });
    expect(result.status).toBe(202);
    expect(result.body).toEqual({ message: "Check your email to finish signing up" });
    const row = await db().prisma.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  it("answers a taken email exactly as a new one, and makes no second account", async () => {
    const result = await postJson(baseUrl(), "/api/auth/register", { email: "ada@example.com", password: "another password" });
    expect(result.status).toBe(202);
    expect(result.body).toEqual({ message: "Check your email to finish signing up" });
    expect(await db().prisma.user.count({ where: { email: "ada@example.com" } })).toBe(1);
  });

  it("issues a token pair, and /api/me answers with the bearer token", async () => {
    const pair = await tokens(baseUrl(), "ada@example.com");
    seen.push(pair.accessToken, pair.refreshToken);
    expect(pair).toEqual({ accessToken: expect.any(String), tokenType: "Bearer", expiresIn: 900, refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const response = await me(pair.accessToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { id: expect.any(String), email: "ada@example.com", emailVerified: false } });
    // Only the hash of the refresh token is stored.
    const stored = await db().prisma.refreshToken.findMany({ select: { tokenHash: true } });
    expect(stored.some((row) => row.tokenHash === pair.refreshToken)).toBe(false);
    expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });

  it("answers /api/me without credentials, or with a bad one, 401 in the one shape", async () => {
    const variants: Record<string, string>[] = [{}, { authorization: "Bearer nonsense" }, { authorization: "Basic abc" }, { cookie: "next-auth.session-token=forged" }];
    for (const headers of variants) {
      const response = await fetch(`${baseUrl()}/api/me`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String), requestId: expect.any(String) } });
    }
  });

  it("rotates the refresh token on every use", async () => {
    const first = await tokens(baseUrl(), "ada@example.com");
    const second = await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ accessToken: expect.any(String), tokenType: "Bearer", expiresIn: 900, refreshToken: expect.any(String) });
    expect(second.body!.refreshToken).not.toBe(first.refreshToken);
    seen.push(first.accessToken, first.refreshToken, second.body!.accessToken, second.body!.refreshToken);
    expect((await me(second.body!.accessToken)).status).toBe(200);
    const third = await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: second.body!.refreshToken });
    expect(third.status).toBe(200);
    seen.push(third.body!.accessToken, third.body!.refreshToken);
  });

  it("revokes the whole family when a rotated refresh token is presented again, and audits it", async () => {
    const first = await tokens(baseUrl(), "ada@example.com");
    const rotated = await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: first.refreshToken });
    const latest = rotated.body!;
    seen.push(first.accessToken, first.refreshToken, latest.accessToken, latest.refreshToken);

    const reuse = await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body!.error.code).toBe("UNAUTHORIZED");
    // The newest token of the family is dead too, and so is the access token of the session.
    const afterReuse = await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: latest.refreshToken });
    expect(afterReuse.status).toBe(401);
    expect((await me(latest.accessToken)).status).toBe(401);

    const events = await db().prisma.auditEvent.findMany({ where: { type: "refresh_token_reuse" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ clientAddress: "127.0.0.1", requestId: expect.any(String), userId: expect.any(String) });
    const session = await db().prisma.authSession.findUniqueOrThrow({ where: { id: String((events[0]!.details as { sessionId: string }).sessionId) } });
    expect(session.revokedReason).toBe("refresh_token_reuse");
  });

  it("refuses an expired refresh token and an unknown one", async () => {
    const pair = await tokens(baseUrl(), "ada@example.com");
    seen.push(pair.accessToken, pair.refreshToken);
    await db().prisma.refreshToken.updateMany({ where: { rotatedAt: null, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: pair.refreshToken })).status).toBe(401);
    expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: "A".repeat(43) })).status).toBe(401);
  });

  it("revokes a refresh token with 204: its session ends", async () => {
    const pair = await tokens(baseUrl(), "ada@example.com");
    seen.push(pair.accessToken, pair.refreshToken);
    const response = await fetch(`${baseUrl()}/api/auth/token/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken: pair.refreshToken }),
    });
    expect(response.status).toBe(204);
    expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: pair.refreshToken })).status).toBe(401);
    expect((await me(pair.accessToken)).status).toBe(401);
    // An unknown token is accepted silently.
    expect((await postJson(baseUrl(), "/api/auth/token/revoke", { refreshToken: "B".repeat(43) })).status).toBe(204);
    expect(await db().prisma.auditEvent.count({ where: { type: "logout" } })).toBe(1);
  });

  it("audits registration, log-ins, refreshes with time, user, address, user agent and request id", async () => {
    const types = (await db().prisma.auditEvent.findMany({ select: { type: true } })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["register", "register_refused", "login_success", "token_refresh", "refresh_token_reuse", "logout"]));
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { type: "login_success" } });
    expect(event).toMatchObject({ createdAt: expect.any(Date), userId: expect.any(String), clientAddress: "127.0.0.1", userAgent: expect.any(String), requestId: expect.any(String) });
  });

  it("never writes a password, token or hash to the log, which holds the audit events", () => {
    const lines = logs();
    expect(lines.some((line) => line.includes('"audit"') && line.includes("login_success"))).toBe(true);
    expectNoSecrets(lines, seen);
  });
});
