/** Point 7: each limit reached (429 with Retry-After, audited) and reset, with counters in the database. */
import { beforeEach, describe, expect, it } from "vitest";
import { assertNotLimited, consume, LIMITS, RateLimitExceeded, refund, subjectKey } from "../../../src/server/auth/rate-limit";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";
import { PASSWORD, postJson, register, tokens, type JsonBody } from "../../helpers/auth";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
});

const logIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  postJson(baseUrl(), "/api/auth/token", { email, password }, headers);

function expect429(result: { status: number; response: Response; body: JsonBody | null }) {
  expect(result.status).toBe(429);
  const retryAfter = Number(result.response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(result.body).toEqual({
    error: { code: "TOO_MANY_REQUESTS", message: expect.any(String), requestId: expect.any(String), details: { retryAfterSeconds: retryAfter } },
  });
  return retryAfter;
}

describe("rate limits", () => {
  it("allows 5 failed log-ins per (address, email) in 15 minutes, then answers 429 with Retry-After — even to the right password", async () => {
    await register(baseUrl(), "mallory@example.com");
    for (let i = 0; i < 5; i++) expect((await logIn("mallory@example.com", `wrong-${i}-password`)).status).toBe(401);
    const refused = await logIn("mallory@example.com", PASSWORD);
    const retryAfter = expect429(refused);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { type: "rate_limited" } });
    expect(event).toMatchObject({ email: "mallory@example.com", clientAddress: "127.0.0.1", details: { limit: "login_address_email" } });
    // Another email from the same address is not affected by this counter.
    await register(baseUrl(), "trent@example.com");
    expect((await logIn("trent@example.com", PASSWORD)).status).toBe(200);
  });

  it("does not let a forged X-Forwarded-For buy new attempts", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await logIn("mallory@example.com", "wrong password", { "x-forwarded-for": `10.0.0.${i}` })).status).toBe(401);
    }
    expect429(await logIn("mallory@example.com", "wrong password", { "x-forwarded-for": "10.9.9.9" }));
  });

  it("clears the (address, email) counter on a success", async () => {
    for (let i = 0; i < 4; i++) expect((await logIn("mallory@example.com", "wrong password")).status).toBe(401);
    expect((await logIn("mallory@example.com", PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await logIn("mallory@example.com", "wrong password")).status).toBe(401);
    expect429(await logIn("mallory@example.com", "wrong password"));
  });

  it("opens again when the window ends", async () => {
    for (let i = 0; i < 5; i++) await logIn("mallory@example.com", "wrong password");
    expect429(await logIn("mallory@example.com", PASSWORD));
    await db().prisma.rateLimit.updateMany({ data: { expire: new Date(Date.now() - 1000) } });
    expect((await logIn("mallory@example.com", PASSWORD)).status).toBe(200);
  });

  it("keeps the counters in the database, so a new limiter (another instance, a restart) sees them", async () => {
    for (let i = 0; i < 5; i++) await logIn("mallory@example.com", "wrong password");
    const rows = await db().prisma.rateLimit.findMany();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((row) => !row.key.includes("mallory") && !row.key.includes("127.0.0.1"))).toBe(true);
    // A Database object the limiters have never seen gets fresh limiter instances over the same table.
    const otherInstance = { ...db() };
    await expect(
      assertNotLimited(otherInstance, LIMITS.loginPerAddressAndEmail, subjectKey("127.0.0.1", "mallory@example.com")),
    ).rejects.toBeInstanceOf(RateLimitExceeded);
  });

  it("allows 50 failed log-ins per address in an hour, whatever the emails", async () => {
    for (let i = 0; i < 50; i++) {
      const email = `nobody-${i}@example.com`;
      expect((await logIn(email, "wrong password")).status).toBe(401);
    }
    const refused = await logIn("trent@example.com", PASSWORD);
    expect(expect429(refused)).toBeGreaterThan(59 * 60);
    // A success does not clear the per-address counter.
    await db().prisma.rateLimit.deleteMany({ where: { key: { startsWith: "login_address_email" } } });
    expect429(await logIn("trent@example.com", PASSWORD));
  }, 60_000);

  it("counts a log-in before the password is checked, and a success gives back only its own point of the address counter", async () => {
    await register(baseUrl(), "wendy@example.com");
    for (let i = 0; i < 49; i++) expect((await logIn(`nobody-${i}@example.com`, "wrong password")).status).toBe(401);
    // Successes do not use up the per-address allowance…
    for (let i = 0; i < 3; i++) expect((await logIn("wendy@example.com", PASSWORD)).status).toBe(200);
    expect((await logIn("nobody-49@example.com", "wrong password")).status).toBe(401);
    // …nor do they give back more than they took: the 51st failure is refused.
    expect429(await logIn("nobody-50@example.com", "wrong password"));
  }, 60_000);

  it("never refunds below zero, nor into a window that has ended", async () => {
    const key = subjectKey("198.51.100.7");
    await refund(db(), LIMITS.loginPerAddress, key);
    expect(await db().prisma.rateLimit.count()).toBe(0);
    await consume(db(), LIMITS.loginPerAddress, key);
    await refund(db(), LIMITS.loginPerAddress, key);
    await refund(db(), LIMITS.loginPerAddress, key);
    expect((await db().prisma.rateLimit.findFirstOrThrow()).points).toBe(0);
    await consume(db(), LIMITS.loginPerAddress, key);
    await db().prisma.rateLimit.updateMany({ data: { expire: new Date(Date.now() - 1000) } });
    await refund(db(), LIMITS.loginPerAddress, key);
    expect((await db().prisma.rateLimit.findFirstOrThrow()).points).toBe(1);
  });

  it("allows 10 registrations per address in an hour (REST and tRPC alike)", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await postJson(baseUrl(), "/api/auth/register", { email: `new-${i}@example.com`, password: PASSWORD })).status).toBe(202);
    }
    expect429(await postJson(baseUrl(), "/api/auth/register", { email: "new-10@example.com", password: PASSWORD }));
    const trpc = await postJson(baseUrl(), "/api/trpc/auth.register", { email: "new-11@example.com", password: PASSWORD });
    expect(trpc.status).toBe(429);
    expect(Number(trpc.response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(trpc.body!.error.code).toBe("TOO_MANY_REQUESTS");
    expect(await db().prisma.user.count({ where: { email: { in: ["new-10@example.com", "new-11@example.com"] } } })).toBe(0);
  });

  it("bounds token refreshes per address: 120 per 15 minutes", async () => {
    const pair = await tokens(baseUrl(), "trent@example.com");
    for (let i = 0; i < 119; i++) {
      expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: "C".repeat(43) })).status).toBe(401);
    }
    expect((await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: pair.refreshToken })).status).toBe(200);
    expect429(await postJson(baseUrl(), "/api/auth/token/refresh", { refreshToken: "C".repeat(43) }));
  }, 60_000);
});
