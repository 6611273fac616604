/** Point 2's callback rule, point 3's page protection and point 10's cookie flags and security headers. */
import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- next.config.mjs is plain JavaScript without type declarations
import untypedConfig from "../../../next.config.mjs";
import { safeCallbackPath } from "../../../src/lib/validation/auth";
import { sessionCookieName, sessionCookieOptions } from "../../../src/server/auth/cookies";
import { config as proxyConfig, proxy } from "../../../src/proxy";
import { pageContentSecurityPolicy, strictTransportSecurity } from "../../../src/server/security-headers";

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
    for (const path of ["/dashboard", "/settings", "/settings/x"]) {
      expect(proxy(new NextRequest(`http://localhost:3000${path}`)).status).toBe(307);
    }
    for (const path of ["/", "/login", "/signup", "/editor", "/dashboards"]) {
      expect(proxy(new NextRequest(`http://localhost:3000${path}`)).headers.get("location")).toBeNull();
    }
    const withCookie = new NextRequest("http://localhost:3000/dashboard", { headers: { cookie: "next-auth.session-token=x" } });
    expect(proxy(withCookie).headers.get("location")).toBeNull();
  });

  it("runs on pages, not on API routes or static files", () => {
    const [pattern] = proxyConfig.matcher;
    const matches = (path: string) => new RegExp(`^${pattern}$`).test(path);
    for (const path of ["/", "/login", "/dashboard", "/workflows/1", "/editor"]) expect(matches(path), path).toBe(true);
    for (const path of ["/api/trpc/x", "/api/auth/session", "/_next/static/chunks/a.js", "/favicon.ico"]) expect(matches(path), path).toBe(false);
  });
});

describe("security headers", () => {
  it("sets nosniff, a Referrer-Policy and frame options on every path, and a deny-all CSP on the API", async () => {
    const rules = await nextConfig.headers!();
    const all = Object.fromEntries(rules.find((rule) => rule.source === "/:path*")!.headers.map((h) => [h.key, h.value]));
    expect(all["X-Content-Type-Options"]).toBe("nosniff");
    expect(all["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(all["X-Frame-Options"]).toBe("DENY");
    expect(all["Content-Security-Policy"]).toBeUndefined(); // the pages' policy has a nonce: the proxy sets it
    const api = Object.fromEntries(rules.find((rule) => rule.source === "/api/:path*")!.headers.map((h) => [h.key, h.value]));
    expect(api["Content-Security-Policy"]).toMatch(/default-src 'none'/);
    expect(api["Content-Security-Policy"]).toMatch(/frame-ancestors 'none'/);
    expect(nextConfig.serverExternalPackages).toEqual(expect.arrayContaining(["@node-rs/argon2", "bcrypt"]));
  });

  it("gives every page response its own nonce in a CSP without 'unsafe-inline' scripts, on the request and the response", () => {
    const first = proxy(new NextRequest("http://localhost:3000/"));
    const second = proxy(new NextRequest("http://localhost:3000/"));
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([A-Za-z0-9+/=]{22,})'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).toMatch(/base-uri 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    // Next.js reads the nonce from the request's headers while rendering.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    // A redirect to log in carries the policy too.
    expect(proxy(new NextRequest("http://localhost:3000/settings")).headers.get("content-security-policy")).toMatch(/'strict-dynamic'/);
  });

  it("sends Strict-Transport-Security (max-age of a year or more) only when APP_URL is https", () => {
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    const hsts = strictTransportSecurity("https://studio.example.com")!;
    expect(Number(/max-age=(\d+)/.exec(hsts)![1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(pageContentSecurityPolicy({ nonce: "n", https: true })).toMatch(/upgrade-insecure-requests/);
    expect(pageContentSecurityPolicy({ nonce: "n", dev: true })).toMatch(/'unsafe-eval'/);
    expect(pageContentSecurityPolicy({ nonce: "n" })).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
  });
});
