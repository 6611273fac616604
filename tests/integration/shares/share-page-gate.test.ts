/**
 * The shared page's rate limit (src/server/shares/page-gate.ts): our server counts each request for /s/<token>
 * against the shared-read limit before Next renders it, over real HTTP with the request stamping of the real server.
 * Next itself is stood in for by a handler that answers "rendered" — what is tested is the gate in front of it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stampRequest } from "../../../src/server/http/request-meta";
import { isSharedPage, refuseSharedPageOverLimit } from "../../../src/server/shares/page-gate";
import { setupTestDatabase } from "../../helpers/db";

const db = setupTestDatabase();
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    stampRequest(req, 1);
    const rendered = () => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("rendered");
    };
    if (!isSharedPage(req.url)) return rendered();
    void refuseSharedPageOverLimit(req, res).then((refused) => (refused ? undefined : rendered()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, from: string) => fetch(`${base}${path}`, { headers: { "x-forwarded-for": from } });

describe("the shared page's rate limit", () => {
  it("renders 60 shared pages a minute per address, then answers 429 in the one shape; other pages and addresses go on", async () => {
    for (let i = 0; i < 60; i++) expect((await get(`/s/guess-${i}`, "10.1.2.3")).status).toBe(200);
    const refused = await get("/s/another-guess?_rsc=abc", "10.1.2.3");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("referrer-policy")).toBe("no-referrer");
    expect(refused.headers.get("x-robots-tag")).toContain("noindex");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      error: { code: "TOO_MANY_REQUESTS", message: expect.any(String), requestId: expect.any(String), details: { retryAfterSeconds: retryAfter } },
    });
    expect((await get("/dashboard", "10.1.2.3")).status).toBe(200);
    expect((await get("/s/guess", "10.1.2.4")).status).toBe(200);
    expect(await db().prisma.auditEvent.count({ where: { type: "rate_limited", clientAddress: "10.1.2.3" } })).toBe(1);
  });
});
