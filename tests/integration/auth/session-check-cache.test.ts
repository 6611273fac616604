/**
 * Issue 13 (hot paths): a live session's check is reused for at most 2 s (decision 061). Ending sessions in this
 * process ends their access at once; a session ended elsewhere (another instance, straight in the database) stops
 * working within 2 s.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { bearer } from "../../helpers/api-session";
import { postJson, register, tokens } from "../../helpers/auth";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

afterEach(() => {
  vi.useRealTimers();
});

async function meStatus(accessToken: string): Promise<number> {
  return (await fetch(`${baseUrl()}/api/me`, { headers: bearer(accessToken) })).status;
}

describe("the session check reused for at most 2 s", () => {
  it("ends every session of the person at once when they log out everywhere here, though each was just checked", async () => {
    await register(baseUrl(), "cache-everywhere@example.com");
    const laptop = await tokens(baseUrl(), "cache-everywhere@example.com");
    const phone = await tokens(baseUrl(), "cache-everywhere@example.com");
    expect([await meStatus(laptop.accessToken), await meStatus(phone.accessToken)]).toEqual([200, 200]);

    const out = await postJson(baseUrl(), "/api/trpc/auth.logoutEverywhere", {}, bearer(laptop.accessToken));
    expect(out.status).toBe(200);
    expect([await meStatus(phone.accessToken), await meStatus(laptop.accessToken)]).toEqual([401, 401]);
  });

  it("ends a session revoked by another instance within 2 s", async () => {
    await register(baseUrl(), "cache-elsewhere@example.com");
    const pair = await tokens(baseUrl(), "cache-elsewhere@example.com");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    expect(await meStatus(pair.accessToken)).toBe(200);

    // Another instance logs the person out everywhere: it writes the row, this process's cache does not hear of it.
    await db().prisma.authSession.updateMany({
      where: { user: { email: "cache-elsewhere@example.com" } },
      data: { revokedAt: new Date(), revokedReason: "logout_everywhere" },
    });
    vi.setSystemTime(Date.now() + 1_500);
    expect(await meStatus(pair.accessToken)).toBe(200); // still within the 2 s this process may reuse the check
    vi.setSystemTime(Date.now() + 600);
    expect(await meStatus(pair.accessToken)).toBe(401);
  });
});
