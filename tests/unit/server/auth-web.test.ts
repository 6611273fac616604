/** Point 2's callback rule, point 3's page protection and point 10's cookie flags and security headers. */
import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- next.config.mjs is plain JavaScript without type declarations
import untypedConfig from "../../../next.config.mjs";
import { safeCallbackPath } from "../../../src/lib/validation/auth";
import { sessionCookieName, sessionCookieOptions } from "../../../src/server/auth/cookies";
import { config as proxyConfig, proxy } from "../../../src/proxy";

const nextConfig = untypedConfig as NextConfig;

describe("callback URLs", () => {
  it("keeps same-origin paths and refuses everything else", () => {
    expect(safeCallbackPath("/x")).toBe("/x");
    expect(safeCallbackPath("/workflows/1?tab=graph#n")).toBe("/workflows/1?tab=graph#n");
    for (const bad of ["//evil.com", "https://evil.com", "/\\evil.com", "\\\\evil.com", "javascript:alert(1)", "/a\u0000", "/a\nb", "", "x", undefined, 42]) {
      expect(safeCallbackPath(bad)).toBe("/");
    }
  });
});

describe("session cookie flags", () => {
  it("are HttpOnly, SameSite=Lax, and Secure with the __Secure- prefix when APP_URL is https", () => {
    expect(sessionCookieOptions(new URL("http://localhost:3000"))).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    expect(sessionCookieOptions(new URL("https://studio.example.com"))).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true });
    expect(sessionCookieName(new URL("https://studio.example.com"))).toBe("__Secure-next-auth.session-token");
  });
});

describe("page protection", () => {
  it("redirects /dashboard, /settings and /workflows/* to /login with a callback when there is no session cookie", () => {
    const response = proxy(new NextRequest("http://localhost:3000/workflows/42?tab=code"));
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("callbackUrl")).toBe("/workflows/42?tab=code");
    expect(proxyConfig.matcher).toEqual(expect.arrayContaining(["/dashboard", "/settings", "/workflows/:path*"]));
    const withCookie = new NextRequest("http://localhost:3000/dashboard", { headers: { cookie: "next-auth.session-token=x" } });
    expect(proxy(withCookie).headers.get("location")).toBeNull();
  });
});

describe("security headers", () => {
  it("sets a CSP with frame-ancestors 'none', nosniff and a Referrer-Policy on every path", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((rule) => rule.source === "/:path*")!;
    const headers = Object.fromEntries(all.headers.map((h) => [h.key, h.value]));
    expect(headers["Content-Security-Policy"]).toMatch(/frame-ancestors 'none'/);
    expect(headers["Content-Security-Policy"]).toMatch(/default-src 'self'/);
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(nextConfig.serverExternalPackages).toEqual(expect.arrayContaining(["@node-rs/argon2", "bcrypt"]));
  });
});
