/**
 * Points 2, 3, 5 and 10 for the browser: next-auth's Credentials log-in over HTTP, the session cookie's flags,
 * the check against the session row on every session read, log-out, same-origin mutations and the callback URL.
 */
import { describe, expect, it } from "vitest";
import { getKeyring } from "../../../src/server/auth/keys";
import { decryptSessionCookie } from "../../../src/server/auth/tokens";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { browserLogIn, captureLogs, CookieJar, expectNoSecrets, PASSWORD, register, SESSION_COOKIE } from "../../helpers/auth";

const db = setupTestDatabase();
const baseUrl = setupTestServer();
const logs = captureLogs();

async function meWith(jar: CookieJar) {
  return fetch(`${baseUrl()}/api/me`, { headers: { cookie: jar.header() } });
}

async function trpcMutation(path: string, jar: CookieJar, origin: string | null) {
  return fetch(`${baseUrl()}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: jar.header(), ...(origin ? { origin } : {}) },
    body: "{}",
  });
}

describe("browser sessions through next-auth", () => {
  it("logs in with the Credentials provider and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    await register(baseUrl(), "linus@example.com");
    const { jar, status, url, response } = await browserLogIn(baseUrl(), "linus@example.com");
    expect(status).toBe(200);
    expect(url).toBe("http://localhost:3000/dashboard");
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // APP_URL is http here; https makes it Secure (unit-tested)
    const me = await meWith(jar);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: { id: expect.any(String), email: "linus@example.com", emailVerified: false } });
    const session = await fetch(`${baseUrl()}/api/auth/session`, { headers: { cookie: jar.header() } });
    expect(await session.json()).toEqual({ user: { id: expect.any(String), email: "linus@example.com", emailVerified: false }, expires: expect.any(String) });
    expect(await db().prisma.authSession.count({ where: { kind: "browser", revokedAt: null } })).toBe(1);
  });

  it("fails a wrong password without a session cookie", async () => {
    const { status, url, response } = await browserLogIn(baseUrl(), "linus@example.com", "wrong password!");
    expect(status).toBe(401);
    expect(new URL(url).searchParams.get("error")).toBe("CredentialsSignin");
    expect(response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });

  it("returns only to same-origin callback paths", async () => {
    const jar = new CookieJar();
    const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
    jar.take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    for (const [callbackUrl, expected] of [
      ["/workflows/42?tab=graph", "http://localhost:3000/workflows/42?tab=graph"],
      ["https://evil.com/x", "http://localhost:3000/"],
      ["//evil.com", "http://localhost:3000/"],
      ["/\\evil.com", "http://localhost:3000/"],
    ] as const) {
      const response = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000", cookie: jar.header() },
        body: new URLSearchParams({ email: "linus@example.com", password: PASSWORD, csrfToken, callbackUrl, json: "true" }),
      });
      expect(((await response.json()) as { url: string }).url).toBe(expected);
    }
  });

  it("refuses a cross-origin log-in POST and cross-origin cookie-authenticated mutations", async () => {
    const { jar } = await browserLogIn(baseUrl(), "linus@example.com");
    const login = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example", cookie: jar.header() },
      body: new URLSearchParams({ email: "linus@example.com", password: PASSWORD, json: "true" }),
    });
    expect(login.status).toBe(403);
    expect((await login.json()).error.code).toBe("FORBIDDEN");

    const evil = await trpcMutation("auth.logoutEverywhere", jar, "https://evil.example");
    expect(evil.status).toBe(401);
    expect((await evil.json()).error.code).toBe("UNAUTHORIZED");
    const noOrigin = await trpcMutation("auth.logoutEverywhere", jar, null);
    expect(noOrigin.status).toBe(401);
    // Reads are not mutations: the cookie works for them.
    expect((await meWith(jar)).status).toBe(200);
    // The request's own host is same-origin too.
    const sameHost = await trpcMutation("auth.logoutEverywhere", jar, baseUrl());
    expect(sameHost.status).toBe(200);
    expect((await meWith(jar)).status).toBe(401);
  });

  it("checks the session row on every session read: renews a live one's cookie, ends a revoked one at once", async () => {
    const { jar } = await browserLogIn(baseUrl(), "linus@example.com");
    const keyring = await getKeyring();
    const claims = (await decryptSessionCookie(jar.cookies.get(SESSION_COOKIE)!, keyring))!;
    const row = await db().prisma.authSession.findUniqueOrThrow({ where: { id: claims.sid } });
    // The cookie carries the session's absolute end; its own lifetime is the idle timeout (7 days by default).
    expect(claims.sessionExpires).toBe(row.expiresAt.getTime());
    expect(claims.exp! * 1000).toBeLessThanOrEqual(Date.now() + 7 * 24 * 3600_000 + 1000);
    expect(claims.exp! * 1000).toBeGreaterThan(Date.now() + 7 * 24 * 3600_000 - 60_000);

    const renewed = await fetch(`${baseUrl()}/api/auth/session`, { headers: { cookie: jar.header() } });
    expect((await renewed.json()).user.email).toBe("linus@example.com");
    expect(renewed.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(true);

    // Revoked a second later (another device's "log out everywhere"): the very next read answers no user.
    const copy = jar.header();
    await db().prisma.authSession.update({ where: { id: claims.sid }, data: { revokedAt: new Date(), revokedReason: "logout_everywhere" } });
    const ended = await fetch(`${baseUrl()}/api/auth/session`, { headers: { cookie: copy } });
    expect(await ended.json()).toEqual({});
    expect(ended.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=;`) || /Max-Age=0/i.test(line))).toBe(true);
  });

  it("refuses a forged or tampered session cookie", async () => {
    const { jar } = await browserLogIn(baseUrl(), "linus@example.com");
    const value = jar.cookies.get(SESSION_COOKIE)!;
    const tampered = `${value.slice(0, -4)}${value.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect((await fetch(`${baseUrl()}/api/me`, { headers: { cookie: `${SESSION_COOKIE}=${tampered}` } })).status).toBe(401);
    expect((await fetch(`${baseUrl()}/api/me`, { headers: { cookie: `${SESSION_COOKIE}=eyJhbGciOiJub25lIn0.e30.` } })).status).toBe(401);
  });

  it("logs out through next-auth: the session row is revoked and audited", async () => {
    const { jar } = await browserLogIn(baseUrl(), "linus@example.com");
    const csrf = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { cookie: jar.header() } });
    jar.take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const copy = jar.header();
    const response = await fetch(`${baseUrl()}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000", cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(response.status).toBe(200);
    jar.take(response);
    expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
    // Even a copy of the old cookie no longer works.
    expect((await fetch(`${baseUrl()}/api/me`, { headers: { cookie: copy } })).status).toBe(401);
    const events = await db().prisma.auditEvent.findMany({ where: { type: "logout" } });
    expect(events.some((e) => (e.details as { method?: string }).method === "browser")).toBe(true);
  });

  it("writes no password, cookie or hash to the log", () => {
    expectNoSecrets(logs(), [PASSWORD]);
    expect(logs().join("\n")).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}\./);
  });
});
