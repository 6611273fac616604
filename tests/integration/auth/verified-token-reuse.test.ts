/**
 * Issue 13 (the list's profile): an access token this process has verified is not verified again on every request
 * (decision 106). What a holder of a token sees must not change: a token stops working at its end (`exp` + 30 s of
 * clock skew) though it was accepted a moment before, no other bytes ride on an accepted token's verdict, and ending
 * the session still ends the token at once.
 */
import { decodeJwt } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bearer } from "../../helpers/api-session";
import { postJson, register, tokens } from "../../helpers/auth";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

setupTestDatabase();
const baseUrl = setupTestServer();

afterEach(() => {
  vi.useRealTimers();
});

async function listStatus(accessToken: string): Promise<number> {
  const res = await fetch(`${baseUrl()}/api/workflows?limit=5`, { headers: bearer(accessToken) });
  await res.arrayBuffer();
  return res.status;
}

/** The token with one character of the given part (0 header, 1 claims, 2 signature) changed. */
function altered(token: string, part: 0 | 1 | 2): string {
  const parts = token.split(".");
  const text = parts[part]!;
  const at = Math.floor(text.length / 2);
  parts[part] = text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
  return parts.join(".");
}

describe("an access token verified once", () => {
  it("stops working at its end (exp + 30 s of skew) though it was accepted just before", async () => {
    await register(baseUrl(), "reuse-expiry@example.com");
    const { accessToken } = await tokens(baseUrl(), "reuse-expiry@example.com");
    const exp = decodeJwt(accessToken).exp!;
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    expect(await listStatus(accessToken)).toBe(200);

    vi.setSystemTime((exp + 29) * 1000);
    expect(await listStatus(accessToken)).toBe(200); // within the skew jose allows
    vi.setSystemTime((exp + 30) * 1000 + 1);
    expect(await listStatus(accessToken)).toBe(401);
    expect(await listStatus(accessToken)).toBe(401);
  });

  it("lends nothing to a token that differs from it by one character", async () => {
    await register(baseUrl(), "reuse-altered@example.com");
    const { accessToken } = await tokens(baseUrl(), "reuse-altered@example.com");
    expect(await listStatus(accessToken)).toBe(200);
    for (const part of [0, 1, 2] as const) expect(await listStatus(altered(accessToken, part))).toBe(401);
    expect(await listStatus(`${accessToken}A`)).toBe(401);
    expect(await listStatus(accessToken)).toBe(200);
  });

  it("is refused at once after its session is logged out, though it was just accepted", async () => {
    await register(baseUrl(), "reuse-logout@example.com");
    const pair = await tokens(baseUrl(), "reuse-logout@example.com");
    expect(await listStatus(pair.accessToken)).toBe(200);
    const revoked = await postJson(baseUrl(), "/api/auth/token/revoke", { refreshToken: pair.refreshToken }, bearer(pair.accessToken));
    expect(revoked.status).toBeLessThan(300);
    expect(await listStatus(pair.accessToken)).toBe(401);
  });
});
