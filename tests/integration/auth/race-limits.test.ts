/**
 * Issue 12 §2: the password limits hold when the attempts arrive at once. Each test performs the attack the
 * red team found — many guesses sent in parallel, the right password among them — and counts the passwords the
 * server actually verified (every Argon2/bcrypt verification goes through `verifyPassword`, wrapped here).
 *
 * "The right password sent as #10": attempts #1–#9 are sent first and the test waits until the server has counted 5
 * attempts for that email (the limit's row), then sends #10 (the right one) and the rest at once, while the first
 * ones are still being verified. (On the old code the counter only moved after a failed verification, so the same
 * wait let 9 verifications through: the test fails there on the count of verifications.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as passwords from "../../../src/server/auth/passwords";
import { LIMITS, subjectKey } from "../../../src/server/auth/rate-limit";
import { setupTestDatabase } from "../../helpers/db";
import { startTestServer, type TestServer } from "../../helpers/http-server";
import { CookieJar, PASSWORD, postJson, register, tokens, type JsonBody } from "../../helpers/auth";

vi.mock("../../../src/server/auth/passwords", async (importOriginal) => {
  const original = await importOriginal<typeof passwords>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});
const verifications = vi.mocked(passwords.verifyPassword);

const db = setupTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  server.server.closeAllConnections();
  await new Promise((resolve) => server.server.close(resolve));
});
const url = () => server.url;

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
  verifications.mockClear();
});

const LIMIT = 5; // login_address_email: 5 per 15 minutes

/** Attempts counted so far for (this test's address, email) by the log-in limit. */
async function attemptsCounted(email: string): Promise<number> {
  const key = `${LIMITS.loginPerAddressAndEmail.name}:${subjectKey("127.0.0.1", email)}`;
  return (await db().prisma.rateLimit.findUnique({ where: { key } }))?.points ?? 0;
}

/**
 * Starts `first`, waits until `email` has `LIMIT` attempts counted (or every early request has been answered, as
 * when a batch maximum refuses them whole), then starts `rest`; all are in flight together.
 */
async function sendInTwoWaves<T>(email: string, first: Array<() => Promise<T>>, rest: Array<() => Promise<T>>): Promise<T[]> {
  let answered = 0;
  const early = first.map((send) => send().finally(() => answered++));
  const deadline = Date.now() + 20_000;
  while (answered < early.length && (await attemptsCounted(email)) < LIMIT && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const late = rest.map((send) => send());
  return Promise.all([...early, ...late]);
}

const guess = (i: number) => `wrong guess number ${i}`;

function statuses(results: Array<{ status: number }>) {
  const counts: Record<number, number> = {};
  for (const { status } of results) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe("password limits under parallel attempts", () => {
  it("200 parallel token log-ins from one address: at most 5 passwords verified, the right one at #10 refused", async () => {
    await register(url(), "victim@example.com");
    const attempt = (i: number) => () =>
      postJson(url(), "/api/auth/token", { email: "victim@example.com", password: i === 9 ? PASSWORD : guess(i) });
    const indexes = Array.from({ length: 200 }, (_, i) => i);
    const results = await sendInTwoWaves("victim@example.com", indexes.slice(0, 9).map(attempt), indexes.slice(9).map(attempt));

    const counts = statuses(results);
    expect(verifications.mock.calls.length).toBeLessThanOrEqual(LIMIT);
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBeLessThanOrEqual(LIMIT);
    expect(counts[429]).toBeGreaterThanOrEqual(200 - LIMIT);
    expect(Object.keys(counts).sort()).toEqual(expect.arrayContaining(["429"]));
    expect(results[9]!.status).toBe(429);
    expect(results[9]!.body!.error.code).toBe("TOO_MANY_REQUESTS");
    expect(await db().prisma.authSession.count()).toBe(0);
    // What an operator sees: at most 5 checks in the audit log, the rest refused by the limit.
    expect(await db().prisma.auditEvent.count({ where: { type: { in: ["login_failure", "login_success"] } } })).toBeLessThanOrEqual(LIMIT);
    expect(await db().prisma.auditEvent.count({ where: { type: "rate_limited" } })).toBeGreaterThanOrEqual(200 - LIMIT);
  });

  it("the same over next-auth's browser log-in: at most 5 verified, the right password at #10 gets no session", async () => {
    await register(url(), "browser-victim@example.com");
    const jar = new CookieJar();
    const csrf = await fetch(`${url()}/api/auth/csrf`);
    jar.take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const attempt = (i: number) => async () => {
      const response = await fetch(`${url()}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000", cookie: jar.header() },
        body: new URLSearchParams({
          email: "browser-victim@example.com",
          password: i === 9 ? PASSWORD : guess(i),
          csrfToken,
          callbackUrl: "/dashboard",
          json: "true",
        }),
      });
      await response.text();
      return { status: response.status, cookies: response.headers.getSetCookie() };
    };
    const indexes = Array.from({ length: 100 }, (_, i) => i);
    const results = await sendInTwoWaves("browser-victim@example.com", indexes.slice(0, 9).map(attempt), indexes.slice(9).map(attempt));

    expect(verifications.mock.calls.length).toBeLessThanOrEqual(LIMIT);
    expect(results[9]!.status).toBe(429);
    expect(results[9]!.cookies.some((line) => line.startsWith("next-auth.session-token="))).toBe(false);
    expect(statuses(results)[429]).toBeGreaterThanOrEqual(100 - LIMIT);
    expect(await db().prisma.authSession.count({ where: { user: { email: "browser-victim@example.com" } } })).toBe(0);
  });

  it("200 parallel log-ins to 200 different emails from one address: at most the per-address 50 verified", async () => {
    const attempt = (i: number) => () => postJson(url(), "/api/auth/token", { email: `target-${i}@example.com`, password: guess(i) });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(i)()));
    const counts = statuses(results);
    expect(verifications.mock.calls.length).toBeLessThanOrEqual(50);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(50);
    expect(counts[429]).toBeGreaterThanOrEqual(150);
    expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(200);
  }, 120_000);
});

/** A tRPC batch of `auth.changePassword` calls with a bearer token (a stolen access token). */
async function changePasswordBatch(accessToken: string, currentPasswords: string[]) {
  const path = Array.from({ length: currentPasswords.length }, () => "auth.changePassword").join(",");
  const body = Object.fromEntries(currentPasswords.map((currentPassword, i) => [i, { currentPassword, newPassword: "the attacker's own passphrase" }]));
  const response = await fetch(`${url()}/api/trpc/${path}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as JsonBody | JsonBody[] };
}

/** Per call of a batch answer: the app-level error code, or "OK". A batch refused as a whole gives []. */
function callOutcomes(answer: { body: JsonBody | JsonBody[] }): string[] {
  if (!Array.isArray(answer.body)) return [];
  return answer.body.map((item) => (item.error ? String(item.error.code ?? item.error.json?.code) : "OK"));
}

describe("change-password limits under tRPC batches", () => {
  let accessToken: string;
  let hashBefore: string;
  let email: string;

  beforeEach(async () => {
    email = `owner-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await register(url(), email);
    accessToken = (await tokens(url(), email)).accessToken;
    hashBefore = (await db().prisma.user.findUniqueOrThrow({ where: { email } })).passwordHash;
    await db().prisma.rateLimit.deleteMany();
    await db().prisma.auditEvent.deleteMany();
    verifications.mockClear();
  });

  async function expectPasswordUnchanged() {
    const user = await db().prisma.user.findFirstOrThrow({ where: { passwordHash: hashBefore } });
    expect(user.passwordHash).toBe(hashBefore);
    expect(await db().prisma.auditEvent.count({ where: { type: "password_change" } })).toBe(0);
  }

  /**
   * A batch answer in either of the two shapes the server may give: run call by call (an array, one answer per call,
   * each its own attempt), or refused as a whole by a batch maximum (the `server` work caps batches at 10 calls and 2
   * heavy ones: one error in the one shape, nothing run). The limiter must hold either way.
   */
  function expectRunOrRefusedWhole(answer: { status: number; body: JsonBody | JsonBody[] }, calls: number): string[] {
    const outcomes = callOutcomes(answer);
    if (outcomes.length > 0) {
      expect(outcomes).toHaveLength(calls);
    } else {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect((answer.body as JsonBody).error.code).toEqual(expect.any(String));
    }
    return outcomes;
  }

  // The calls of one batch start together: which five are counted first is the database's choice among the calls
  // running at once (up to the connection pool's 10 on PostgreSQL). The right password sits at #50, past them.
  it("one batch of 100 calls, the right current password as #50: at most 5 checked, the password not changed", async () => {
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 49 ? PASSWORD : guess(i)));
    const answer = await changePasswordBatch(accessToken, guesses);

    expect(verifications.mock.calls.length).toBeLessThanOrEqual(LIMIT);
    const outcomes = expectRunOrRefusedWhole(answer, 100);
    if (outcomes.length > 0) {
      expect(outcomes.filter((code) => code === "BAD_REQUEST").length).toBeLessThanOrEqual(LIMIT);
      expect(outcomes.filter((code) => code === "TOO_MANY_REQUESTS").length).toBeGreaterThanOrEqual(100 - LIMIT);
      expect(outcomes[49]).toBe("TOO_MANY_REQUESTS");
      expect(answer.status).toBe(207);
    }
    await expectPasswordUnchanged();
  });

  it("ten concurrent batches of 10: at most 5 checked across them, the right password (#11) not accepted", async () => {
    const batchOf = (first: number) => Array.from({ length: 10 }, (_, k) => (first + k === 10 ? PASSWORD : guess(first + k)));
    const send = (first: number) => () => changePasswordBatch(accessToken, batchOf(first));
    const answers = await sendInTwoWaves(email, [send(0)], [10, 20, 30, 40, 50, 60, 70, 80, 90].map(send));

    expect(verifications.mock.calls.length).toBeLessThanOrEqual(LIMIT);
    const outcomes = answers.flatMap((answer) => expectRunOrRefusedWhole(answer, 10));
    if (outcomes.length > 0) {
      expect(outcomes).toHaveLength(100);
      expect(outcomes.filter((code) => code === "BAD_REQUEST").length).toBeLessThanOrEqual(LIMIT);
      expect(outcomes[10]).toBe("TOO_MANY_REQUESTS");
    }
    await expectPasswordUnchanged();
  });

  it("fifty concurrent batches of 2 (under any batch maximum): at most 5 checked, the right password (#11) not accepted", async () => {
    const batchOf = (first: number) => [first, first + 1].map((i) => (i === 10 ? PASSWORD : guess(i)));
    const send = (first: number) => () => changePasswordBatch(accessToken, batchOf(first));
    const firsts = Array.from({ length: 50 }, (_, b) => b * 2);
    const answers = await sendInTwoWaves(email, firsts.slice(0, 5).map(send), firsts.slice(5).map(send));

    expect(verifications.mock.calls.length).toBeLessThanOrEqual(LIMIT);
    const outcomes = answers.flatMap(callOutcomes);
    expect(outcomes).toHaveLength(100);
    expect(outcomes.filter((code) => code === "BAD_REQUEST").length).toBeLessThanOrEqual(LIMIT);
    expect(outcomes.filter((code) => code === "TOO_MANY_REQUESTS").length).toBeGreaterThanOrEqual(100 - LIMIT);
    expect(outcomes[10]).toBe("TOO_MANY_REQUESTS");
    await expectPasswordUnchanged();
  });

  it("log-in and change-password draw on one budget: 5 wrong current passwords lock the log-in too", async () => {
    const user = await db().prisma.user.findFirstOrThrow({ where: { passwordHash: hashBefore } });
    for (const i of [1, 2, 3, 4, 5]) expect(callOutcomes(await changePasswordBatch(accessToken, [guess(i)]))).toEqual(["BAD_REQUEST"]);
    const login = await postJson(url(), "/api/auth/token", { email: user.email, password: PASSWORD });
    expect(login.status).toBe(429);
    const change = await changePasswordBatch(accessToken, [PASSWORD]);
    expect(callOutcomes(change)).toEqual(["TOO_MANY_REQUESTS"]);
    expect(verifications.mock.calls.length).toBe(5);
  });
});
