/**
 * Issue 12 §4: sessions have an end. An absolute lifetime from log-in (SESSION_MAX_AGE, 30 days) that use does not
 * push back, an idle timeout (SESSION_IDLE_TIMEOUT, 7 days), for browser cookies and API refresh tokens alike; and
 * `/api/auth/session` answers no user the moment a session is ended (log-out, log-out everywhere, "log out this
 * session"), instead of re-issuing the cookie for up to 15 minutes. The clock is moved with vitest's fake Date.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { transformer } from "../../../src/lib/transformer";
import { getKeyring } from "../../../src/server/auth/keys";
import { forgetNotedUse } from "../../../src/server/auth/sessions";
import { decryptSessionCookie } from "../../../src/server/auth/tokens";
import { ConfigError, parseConfig } from "../../../src/server/config";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { browserLogIn, CookieJar, PASSWORD, postJson, register, tokens } from "../../helpers/auth";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

const DAY = 24 * 3600_000;
const ORIGIN = { origin: "http://localhost:3000" };

afterEach(() => {
  vi.useRealTimers();
  forgetNotedUse();
});

/** Moves the app's clock (Date only: timers and the network keep real time) by `ms` from where it is. */
function advance(ms: number) {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  vi.setSystemTime(Date.now() + ms);
}

async function sessionUser(jar: CookieJar): Promise<string | null> {
  const response = await fetch(`${baseUrl()}/api/auth/session`, { headers: { cookie: jar.header() } });
  jar.take(response);
  const body = (await response.json()) as { user?: { email?: string } };
  return body.user?.email ?? null;
}

async function meStatus(headers: Record<string, string>) {
  return (await fetch(`${baseUrl()}/api/me`, { headers })).status;
}

async function trpc(path: string, jar: CookieJar, input?: unknown) {
  const response = await fetch(`${baseUrl()}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: jar.header(), ...ORIGIN },
    body: JSON.stringify(input ?? {}),
  });
  return { status: response.status, body: await response.json() };
}

async function sessionsOf(jar: CookieJar) {
  const response = await fetch(`${baseUrl()}/api/trpc/auth.sessions`, { headers: { cookie: jar.header() } });
  expect(response.status).toBe(200);
  return transformer.deserialize((await response.json()).result.data) as Array<Record<string, unknown>>;
}

describe("/api/auth/session after a session is ended", () => {
  it("answers no user at once after log-out everywhere, on every other browser", async () => {
    await register(baseUrl(), "ines@example.com");
    const here = (await browserLogIn(baseUrl(), "ines@example.com")).jar;
    const elsewhere = (await browserLogIn(baseUrl(), "ines@example.com")).jar;
    expect(await sessionUser(elsewhere)).toBe("ines@example.com");

    expect((await trpc("auth.logoutEverywhere", here)).status).toBe(200);
    expect(await sessionUser(elsewhere)).toBeNull();
    expect(elsewhere.cookies.size === 0 || !elsewhere.header().includes("next-auth.session-token")).toBe(true);
    expect(await sessionUser(here)).toBeNull();
  });

  it("answers no user at once for a copy of a cookie that logged out", async () => {
    const { jar } = await browserLogIn(baseUrl(), "ines@example.com");
    const copy = new CookieJar();
    for (const [name, value] of jar.cookies) copy.cookies.set(name, value);
    const csrf = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { cookie: jar.header() } });
    jar.take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signOut = await fetch(`${baseUrl()}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), ...ORIGIN },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(signOut.status).toBe(200);
    expect(await sessionUser(copy)).toBeNull();
  });
});

describe("absolute lifetime", () => {
  it("ends a browser session 30 days after log-in however often it is used; logging in again works", async () => {
    await register(baseUrl(), "daily@example.com");
    const { jar } = await browserLogIn(baseUrl(), "daily@example.com");
    for (let day = 1; day <= 29; day++) {
      advance(DAY);
      expect(await sessionUser(jar), `day ${day}`).toBe("daily@example.com");
      expect(await meStatus({ cookie: jar.header() })).toBe(200);
    }
    advance(DAY + 60_000);
    expect(await meStatus({ cookie: jar.header() })).toBe(401);
    expect(await sessionUser(jar)).toBeNull();
    // Re-authentication starts a new 30 days.
    const again = await browserLogIn(baseUrl(), "daily@example.com");
    expect(again.status).toBe(200);
    expect(await meStatus({ cookie: again.jar.header() })).toBe(200);
  }, 60_000);

  it("never lets the cookie outlive the session: its expiry is cut to the session's end", async () => {
    const { jar } = await browserLogIn(baseUrl(), "daily@example.com");
    const keyring = await getKeyring();
    const claimsOf = async () => (await decryptSessionCookie(jar.cookies.get("next-auth.session-token")!, keyring))!;
    const row = await db().prisma.authSession.findUniqueOrThrow({ where: { id: (await claimsOf()).sid } });
    for (const days of [6, 6, 6, 6, 4]) {
      advance(days * DAY);
      expect(await sessionUser(jar)).toBe("daily@example.com"); // re-issues the cookie
    }
    const claims = await claimsOf();
    expect(claims.exp! * 1000).toBeLessThanOrEqual(row.expiresAt.getTime());
    expect(claims.exp! * 1000).toBeGreaterThan(row.expiresAt.getTime() - 60_000);
  });

  it("ends an API session 30 days after log-in: its refresh token is refused though it was rotated daily", async () => {
    let pair = await tokens(baseUrl(), "daily@example.com");
    for (let day = 1; day <= 29; day++) {
      advance(DAY);
      const refreshed = await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: pair.refreshToken });
      expect(refreshed.status, `day ${day}`).toBe(200);
      pair = refreshed.body as typeof pair;
      expect(await meStatus({ authorization: `Bearer ${pair.accessToken}` })).toBe(200);
    }
    advance(DAY + 60_000);
    expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: pair.refreshToken })).status).toBe(401);
    expect(await meStatus({ authorization: `Bearer ${pair.accessToken}` })).toBe(401);
  }, 60_000);
});

describe("idle timeout", () => {
  it("keeps a browser session used every 6 days, and ends one left unused for 7 days", async () => {
    await register(baseUrl(), "idle@example.com");
    const { jar } = await browserLogIn(baseUrl(), "idle@example.com");
    for (let week = 0; week < 3; week++) {
      advance(6 * DAY);
      // As a browser does on every page load: read the session (which renews the cookie), then call the API.
      expect(await sessionUser(jar)).toBe("idle@example.com");
      expect(await meStatus({ cookie: jar.header() })).toBe(200);
    }
    const kept = new CookieJar();
    for (const [name, value] of jar.cookies) kept.cookies.set(name, value);
    advance(7 * DAY + 60_000);
    expect(await meStatus({ cookie: kept.header() })).toBe(401);
    expect(await sessionUser(kept)).toBeNull();
  });

  it("refuses the refresh token of an API session unused for 7 days", async () => {
    const pair = await tokens(baseUrl(), "idle@example.com");
    advance(6 * DAY);
    const refreshed = await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: pair.refreshToken });
    expect(refreshed.status).toBe(200);
    advance(7 * DAY + 60_000);
    expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: refreshed.body!.refreshToken })).status).toBe(401);
  });
});

describe("Settings → Sessions", () => {
  it("lists the live sessions with device, address, times and this device marked", async () => {
    await register(baseUrl(), "lists@example.com");
    const chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    const mine = await browserLogInAs("lists@example.com", chrome);
    await browserLogInAs("lists@example.com", firefox);
    await postJson(baseUrl(), "/api/auth/token", { email: "lists@example.com", password: PASSWORD }, { "user-agent": "curl/8.5.0" });
    // A fourth session that logged out is not listed.
    const gone = await browserLogInAs("lists@example.com", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0");
    const goneId = (await sessionsOf(gone)).find((s) => s.current)!.id;
    expect((await trpc("auth.endSession", gone, { sessionId: goneId })).status).toBe(200);

    const sessions = await sessionsOf(mine);
    expect(sessions).toHaveLength(3);
    expect(sessions.map((s) => s.device).sort()).toEqual(["Chrome 131 on macOS", "Firefox 133 on Windows 10", "curl 8.5.0"]);
    expect(sessions.filter((s) => s.current)).toEqual([expect.objectContaining({ device: "Chrome 131 on macOS", kind: "browser" })]);
    expect(sessions.find((s) => s.device === "curl 8.5.0")).toMatchObject({ kind: "api", current: false, clientAddress: "127.0.0.1" });
    for (const session of sessions) {
      expect(Object.keys(session).sort()).toEqual(["clientAddress", "createdAt", "current", "device", "endsAt", "id", "kind", "lastUsedAt"]);
    }
  });

  it("logs out one session: that browser's cookie and /api/auth/session stop at once, the others go on", async () => {
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
    const mine = await browserLogInAs("lists@example.com", chrome);
    const lost = await browserLogInAs("lists@example.com", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1");
    const lostSession = (await sessionsOf(lost)).find((s) => s.current)!;
    expect(lostSession.device).toBe("Safari 17 on iOS");

    const answer = await trpc("auth.endSession", mine, { sessionId: lostSession.id });
    expect(answer.status).toBe(200);
    expect(answer.body.result.data).toEqual({ current: false });
    expect(await meStatus({ cookie: lost.header() })).toBe(401);
    expect(await sessionUser(lost)).toBeNull();
    expect(await meStatus({ cookie: mine.header() })).toBe(200);
    expect((await sessionsOf(mine)).some((s) => s.id === lostSession.id)).toBe(false);
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { type: "logout", details: { path: ["sessionId"], equals: lostSession.id as string } } });
    expect(event.details).toMatchObject({ method: "session_list" });
  });

  it("logs out this very session when asked", async () => {
    const mine = await browserLogInAs("lists@example.com", "vitest");
    const current = (await sessionsOf(mine)).find((s) => s.current)!;
    const answer = await trpc("auth.endSession", mine, { sessionId: current.id });
    expect(answer.body.result.data).toEqual({ current: true });
    expect(await sessionUser(mine)).toBeNull();
  });

  it("cannot end another person's session (NOT_FOUND, and it stays live), nor take a malformed id", async () => {
    await register(baseUrl(), "other@example.com");
    const victim = await browserLogInAs("other@example.com", "vitest");
    const victimSession = (await sessionsOf(victim)).find((s) => s.current)!;
    const attacker = await browserLogInAs("lists@example.com", "vitest");
    const answer = await trpc("auth.endSession", attacker, { sessionId: victimSession.id });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("NOT_FOUND");
    expect(await sessionUser(victim)).toBe("other@example.com");
    expect((await trpc("auth.endSession", attacker, { sessionId: "not-a-uuid" })).status).toBe(400);
    // Nobody signed in: refused before anything is looked up.
    expect((await trpc("auth.endSession", new CookieJar(), { sessionId: victimSession.id })).status).toBe(401);
  });

  it("does not list sessions past their idle timeout", async () => {
    await register(baseUrl(), "stale@example.com");
    await browserLogInAs("stale@example.com", "vitest");
    advance(6 * DAY);
    const fresh = await browserLogInAs("stale@example.com", "vitest");
    advance(DAY + 60_000);
    const sessions = await sessionsOf(fresh);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.current).toBe(true);
  });
});

describe("configuration", () => {
  it("reads SESSION_MAX_AGE and SESSION_IDLE_TIMEOUT in seconds, with bounds, the idle timeout no longer than the lifetime", () => {
    expect(parseConfig({})).toMatchObject({ SESSION_MAX_AGE: 30 * 24 * 3600, SESSION_IDLE_TIMEOUT: 7 * 24 * 3600 });
    expect(parseConfig({ SESSION_MAX_AGE: "86400", SESSION_IDLE_TIMEOUT: "3600" })).toMatchObject({ SESSION_MAX_AGE: 86_400, SESSION_IDLE_TIMEOUT: 3_600 });
    expect(() => parseConfig({ SESSION_MAX_AGE: "60" })).toThrow(/SESSION_MAX_AGE/);
    expect(() => parseConfig({ SESSION_IDLE_TIMEOUT: "soon" })).toThrow(/SESSION_IDLE_TIMEOUT/);
    expect(() => parseConfig({ SESSION_MAX_AGE: "86400", SESSION_IDLE_TIMEOUT: "172800" })).toThrow(ConfigError);
    expect(() => parseConfig({ SESSION_MAX_AGE: "86400", SESSION_IDLE_TIMEOUT: "172800" })).toThrow(/SESSION_IDLE_TIMEOUT: must not be longer than SESSION_MAX_AGE/);
  });
});

/** next-auth's credentials log-in with a given User-Agent (the device the session list shows). */
async function browserLogInAs(email: string, userAgent: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`, { headers: { "user-agent": userAgent } });
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), "user-agent": userAgent, ...ORIGIN },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: "/", json: "true" }),
  });
  expect(response.status).toBe(200);
  jar.take(response);
  return jar;
}
