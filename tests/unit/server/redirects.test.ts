/**
 * Issue 14: where log-in and log-out send people. APP_URL defaults to http://localhost:$PORT; in development with no
 * APP_URL, redirects follow the request's own origin; the page to return to is a same-origin path, else the dashboard.
 */
import { describe, expect, it } from "vitest";
import { AFTER_LOGIN_PATH, afterLoginPath, safeCallbackPath } from "../../../src/lib/validation/auth";
import { redirectOrigin, sameOriginPath } from "../../../src/server/auth/redirect-origin";
import { parseConfig } from "../../../src/server/config";

const request = (url: string, host?: string) => new Request(url, { headers: host === undefined ? {} : { host } });

describe("APP_URL", () => {
  it("defaults to http://localhost on the configured port", () => {
    expect(parseConfig({}).APP_URL).toBe("http://localhost:3000");
    expect(parseConfig({ PORT: "4123" })).toMatchObject({ APP_URL: "http://localhost:4123", APP_URL_SET: false });
  });

  it("is used as given when set", () => {
    expect(parseConfig({ PORT: "4123", APP_URL: "https://studio.example.com" })).toMatchObject({
      APP_URL: "https://studio.example.com",
      APP_URL_SET: true,
    });
  });
});

describe("the origin redirects point to", () => {
  const appUrl = new URL("http://localhost:4123");

  it("is APP_URL's when redirects do not follow the request (production, or APP_URL set)", () => {
    expect(redirectOrigin(appUrl, false, request("http://127.0.0.1:5555/api/auth/signout", "evil.example"))).toBe("http://localhost:4123");
  });

  it("is the request's own in development without APP_URL", () => {
    expect(redirectOrigin(appUrl, true, request("http://127.0.0.1:5555/api/auth/signout", "127.0.0.1:5555"))).toBe("http://127.0.0.1:5555");
    expect(redirectOrigin(appUrl, true, request("http://x/api/auth/signout", "my-laptop.local:8080"))).toBe("http://my-laptop.local:8080");
    expect(redirectOrigin(appUrl, true, request("http://x/", "[::1]:3001"))).toBe("http://[::1]:3001");
  });

  it("falls back to APP_URL's for a Host header that is not a host", () => {
    for (const host of ["evil.example/path", "user@evil.example", "a b", "evil.example:99999999", "", "evil.example#x"]) {
      expect(redirectOrigin(appUrl, true, request("http://x/", host))).toBe("http://localhost:4123");
    }
  });
});

describe("redirect targets", () => {
  const origins = ["http://localhost:4123"];

  it("keep paths and same-origin URLs, refuse other sites", () => {
    expect(sameOriginPath("/settings?x=1", origins, safeCallbackPath)).toBe("/settings?x=1");
    expect(sameOriginPath("http://localhost:4123/workflows/1#n", origins, safeCallbackPath)).toBe("/workflows/1#n");
    expect(sameOriginPath("http://localhost:41234/x", origins, safeCallbackPath)).toBe("/");
    expect(sameOriginPath("https://evil.example/", origins, safeCallbackPath)).toBe("/");
    expect(sameOriginPath("//evil.example/", origins, safeCallbackPath)).toBe("/");
    expect(sameOriginPath("not a url", origins, safeCallbackPath)).toBe("/");
  });

  it("after log-in: the page the person came from, else the dashboard", () => {
    expect(afterLoginPath("/workflows/1?tab=graph")).toBe("/workflows/1?tab=graph");
    expect(afterLoginPath("/")).toBe("/");
    for (const none of [undefined, "", "https://evil.example", "//evil.example", "/login", "/signup?callbackUrl=%2F", "/login#x"]) {
      expect(afterLoginPath(none)).toBe(AFTER_LOGIN_PATH);
    }
    expect(afterLoginPath("/loginhelp")).toBe("/loginhelp");
  });
});
