import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_REQUEST_ID_HEADER,
  REQUEST_ID_HEADER,
  clientAddressFor,
  clientRequestIdFor,
  forwardedIp,
  requestIdFor,
  stampRequest,
} from "../../../src/server/http/request-meta";

function request(remoteAddress: string, headers: Record<string, string> = {}) {
  return { socket: { remoteAddress }, headers: { ...headers } } as unknown as IncomingMessage;
}

describe("client address", () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddressFor(request("::ffff:10.0.0.7", { "x-forwarded-for": "1.2.3.4" }), 0)).toBe("10.0.0.7");
  });

  it("is the address the trusted proxy saw, not one the client wrote further left", () => {
    const req = request("10.0.0.1", { "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    expect(clientAddressFor(req, 1)).toBe("203.0.113.9");
    expect(clientAddressFor(req, 2)).toBe("6.6.6.6");
  });

  it("replaces a forged client-address header with the real one", () => {
    const req = request("127.0.0.1", { [CLIENT_ADDRESS_HEADER]: "1.1.1.1" });
    stampRequest(req, 0);
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
  });
});

describe("request id", () => {
  it("is always our own: a client's X-Request-Id is kept apart, sanitised and bounded, never adopted", () => {
    const req = request("127.0.0.1", { [REQUEST_ID_HEADER]: "abcDEF12-34" });
    const ours = stampRequest(req, 0);
    expect(ours).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(req.headers[REQUEST_ID_HEADER]).toBe(ours);
    expect(req.headers[CLIENT_REQUEST_ID_HEADER]).toBe("abcDEF12-34");
    // Another request sending the id we just gave cannot share it.
    const copycat = request("127.0.0.1", { [REQUEST_ID_HEADER]: ours });
    expect(stampRequest(copycat, 0)).not.toBe(ours);
    expect(copycat.headers[CLIENT_REQUEST_ID_HEADER]).toBe(ours);
  });

  it("sanitises and bounds the client's id, and drops one with nothing left", () => {
    expect(clientRequestIdFor("<script>alert(1)</script>")).toBe("_script_alert_1___script_");
    expect(clientRequestIdFor("x".repeat(200))).toBe("x".repeat(64));
    expect(clientRequestIdFor("a\r\nb type=login")).toBe("a__b_type_login");
    expect(clientRequestIdFor("%%%%")).toBeNull();
    expect(clientRequestIdFor(undefined)).toBeNull();
    const req = request("127.0.0.1", { [CLIENT_REQUEST_ID_HEADER]: "forged-by-client" });
    stampRequest(req, 0);
    expect(req.headers[CLIENT_REQUEST_ID_HEADER]).toBeUndefined();
  });

  it("makes a new id where a handler gets no id of ours", () => {
    expect(requestIdFor("abcDEF12-34")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("forwarded address with TRUST_PROXY_HOPS", () => {
  it("accepts only a valid IP at the trusted hop; anything else falls back to the socket's address and is reported", () => {
    const forged: string[] = [];
    const req = request("10.0.0.1", { "x-forwarded-for": "1.2.3.4 type=login_success user=admin" });
    expect(clientAddressFor(req, 1, (f) => forged.push(f.value))).toBe("10.0.0.1");
    expect(forged).toEqual(["1.2.3.4 type=login_success user=admin"]);
    expect(clientAddressFor(request("10.0.0.1", { "x-forwarded-for": "unknown" }), 1)).toBe("10.0.0.1");
    expect(clientAddressFor(request("10.0.0.1", { "x-forwarded-for": "6.6.6.6, <script>" }), 1)).toBe("10.0.0.1");
    expect(clientAddressFor(request("10.0.0.1", { "x-forwarded-for": "<script>, 203.0.113.9" }), 1)).toBe("203.0.113.9");
  });

  it("reads IPv4, IPv6 and the port forms some proxies write", () => {
    expect(forwardedIp("203.0.113.9")).toBe("203.0.113.9");
    expect(forwardedIp("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(forwardedIp("2001:db8::1")).toBe("2001:db8::1");
    expect(forwardedIp("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(forwardedIp("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(forwardedIp("999.1.1.1")).toBeNull();
    expect(forwardedIp("1.2.3.4 x")).toBeNull();
    expect(forwardedIp("")).toBeNull();
  });

  it("stamps the socket's address for a forged forwarded value", () => {
    const req = request("10.0.0.1", { "x-forwarded-for": "1.2.3.4 type=login_success user=admin" });
    stampRequest(req, 1);
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("10.0.0.1");
  });
});
