import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  REQUEST_ID_HEADER,
  clientAddressFor,
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
  it("keeps a sane id from a proxy and replaces anything else", () => {
    expect(requestIdFor("abcDEF12-34")).toBe("abcDEF12-34");
    expect(requestIdFor("<script>alert(1)</script>")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
    const req = request("127.0.0.1", { [REQUEST_ID_HEADER]: "x".repeat(200) });
    expect(stampRequest(req, 0)).not.toContain("xxxxxxxx");
  });
});
