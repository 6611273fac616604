/**
 * Issue 12, section 6: what leaked or could be forged, each attack performed over HTTP.
 * - Parse failures answer one generic message; what JSON.parse or superjson said goes to the log only.
 * - The request id is always ours; the client's X-Request-Id is kept apart, sanitised, in the audit details.
 * - With TRUST_PROXY_HOPS, only a valid IP is taken from X-Forwarded-For; anything else → the socket's, and a warning.
 * - A body dripped a byte at a time is cut: 408 in the one shape, connection closed.
 * (tRPC refusing multipart/form-data: trpc-requests.test.ts.)
 */
import { connect } from "node:net";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PASSWORD, captureLogs, postJson, register } from "../../helpers/auth";
import { bearer, signUp } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

// Read on first use of the configuration: route handlers give up on a body 1.5 s after they begin reading it.
vi.stubEnv("REQUEST_TIMEOUT_MS", "1500");

const db = setupTestDatabase();
// As behind one load balancer that appends the address it saw to X-Forwarded-For.
const baseUrl = setupTestServer({ trustProxyHops: 1 });
const logs = captureLogs();

beforeEach(async () => {
  await db().prisma.rateLimit.deleteMany();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GENERIC = "The request could not be read.";

/** A superjson body whose annotation tree is 2,000 levels deep (28 KB): superjson recursed past the stack. */
function stackOverflowBody(): string {
  const depth = 2_000;
  const tree = '["map",{"0":'.repeat(depth) + '["undefined"]' + "}]".repeat(depth);
  return `{"__superjson":{"json":{"name":"x","code":"y"},"meta":{"values":{"name":${tree}}}}}`;
}

describe("parse failures", () => {
  const json = { "content-type": "application/json" };
  const cases: Array<[string, (token: string) => Promise<Response>, RegExp]> = [
    [
      "a superjson body that overflows the stack",
      (token) => fetch(`${baseUrl()}/api/trpc/workflow.create`, { method: "POST", headers: { ...json, ...bearer(token) }, body: stackOverflowBody() }),
      /Maximum call stack size exceeded/,
    ],
    [
      "malformed JSON in a mutation's body",
      () => fetch(`${baseUrl()}/api/trpc/auth.register`, { method: "POST", headers: json, body: '{"email": nope' }),
      /JSON|position|token/i,
    ],
    [
      "malformed JSON in a query's input",
      (token) => fetch(`${baseUrl()}/api/trpc/workflow.list?input=${encodeURIComponent("{'single': quotes}")}`, { headers: bearer(token) }),
      /JSON|position|token/i,
    ],
    [
      "a batch mixing queries and mutations (refused before any context exists)",
      (token) => fetch(`${baseUrl()}/api/trpc/workflow.list,workflow.create?batch=1&input=${encodeURIComponent("{}")}`, { headers: bearer(token) }),
      /Cannot mix procedure types/,
    ],
    [
      "a batch whose input is not an object",
      (token) => fetch(`${baseUrl()}/api/trpc/workflow.list,workflow.list?batch=1&input=${encodeURIComponent('"text"')}`, { headers: bearer(token) }),
      /needs to be an object/,
    ],
  ];

  for (const [label, send, detail] of cases) {
    it(`answers ${label} with the generic message in the one shape; the detail is in the log only`, async () => {
      const me = await signUp(baseUrl());
      const response = await send(me.accessToken);
      expect(response.status).toBe(400);
      const text = await response.text();
      const body = JSON.parse(text);
      const items = Array.isArray(body) ? body : [body];
      for (const item of items) {
        expect(item).toEqual({ error: { code: "BAD_REQUEST", message: GENERIC, requestId: response.headers.get("x-request-id") } });
      }
      expect(text).not.toMatch(detail);
      const requestId = response.headers.get("x-request-id")!;
      const logged = logs().filter((line) => line.includes(requestId) && line.includes("tRPC refused a request"));
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join("\n")).toMatch(detail);
    });
  }

  it("quotes nothing the client sent back in other tRPC refusals (an unknown path, a wrong method)", async () => {
    const marker = "<img src=x onerror=alert(1)>";
    const unknown = await fetch(`${baseUrl()}/api/trpc/${encodeURIComponent(marker)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toContain("onerror");
    const wrongMethod = await fetch(`${baseUrl()}/api/trpc/workflow.create?input=${encodeURIComponent(JSON.stringify({ name: marker }))}`);
    expect(wrongMethod.status).toBe(405);
    const text = await wrongMethod.text();
    expect(text).not.toContain("onerror");
    expect(text).not.toContain("workflow.create");
  });
});

describe("request ids", () => {
  it("are always ours: two requests sending the same X-Request-Id get different ids, the client's is kept apart in the audit", async () => {
    await register(baseUrl(), "ids@example.com");
    const shared = "shared-id-123";
    const first = await postJson(baseUrl(), "/api/auth/token", { email: "ids@example.com", password: "wrong password" }, { "x-request-id": shared });
    const second = await postJson(baseUrl(), "/api/auth/token", { email: "ids@example.com", password: "wrong password" }, { "x-request-id": shared });
    const ids = [first, second].map((r) => r.response.headers.get("x-request-id"));
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect(first.body!.error.requestId).toBe(ids[0]);
    const events = await db().prisma.auditEvent.findMany({ where: { type: "login_failure", email: "ids@example.com" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.requestId).sort()).toEqual([...ids].sort());
    for (const event of events) expect(event.details).toMatchObject({ clientRequestId: shared });
  });

  it("keep the client's id only sanitised and bounded", async () => {
    await register(baseUrl(), "junk-id@example.com");
    const junk = `evil id; type=login_success <b>${"x".repeat(200)}`;
    const result = await postJson(baseUrl(), "/api/auth/token", { email: "junk-id@example.com", password: "wrong password" }, { "x-request-id": junk });
    expect(result.response.headers.get("x-request-id")).toMatch(UUID);
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { type: "login_failure", email: "junk-id@example.com" } });
    const kept = (event.details as { clientRequestId: string }).clientRequestId;
    expect(kept).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
    expect(kept).toBe(`evil_id__type_login_success__b_${"x".repeat(33)}`);
  });
});

describe("forwarded addresses with TRUST_PROXY_HOPS=1", () => {
  it("stores the socket's address, not a forged forwarded value, and logs a warning", async () => {
    await register(baseUrl(), "forged@example.com");
    const forged = "1.2.3.4 type=login_success user=admin";
    const result = await postJson(baseUrl(), "/api/auth/token", { email: "forged@example.com", password: "wrong password" }, { "x-forwarded-for": forged });
    expect(result.status).toBe(401);
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { type: "login_failure", email: "forged@example.com" } });
    expect(event.clientAddress).toBe("127.0.0.1");
    const requestId = result.response.headers.get("x-request-id")!;
    const warning = logs().find((line) => line.includes(requestId) && line.includes("X-Forwarded-For holds no valid IP"));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, forwardedFor: forged, socketAddress: "127.0.0.1" });
  });

  it("takes a valid address at the trusted hop", async () => {
    await register(baseUrl(), "proxied@example.com");
    await postJson(baseUrl(), "/api/auth/token", { email: "proxied@example.com", password: "wrong password" }, { "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    const event = await db().prisma.auditEvent.findFirstOrThrow({ where: { type: "login_failure", email: "proxied@example.com" } });
    expect(event.clientAddress).toBe("203.0.113.9");
  });
});

/** Sends the head of a request and then its body a byte every `everyMs`; resolves with what came back and when. */
function drip(path: string, headers: Record<string, string>, body: string, everyMs: number): Promise<{ reply: string; ms: number; closed: boolean }> {
  const url = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(url.port), url.hostname);
    let reply = "";
    let timer: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearInterval(timer);
      resolve({ reply, ms: performance.now() - started, closed });
    };
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (reply += chunk));
    socket.on("close", () => finish(true));
    socket.on("error", reject);
    socket.on("connect", () => {
      const head = Object.entries({ host: url.host, "content-length": String(Buffer.byteLength(body)), ...headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("");
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n`);
      let sent = 0;
      timer = setInterval(() => {
        if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
      }, everyMs);
    });
    setTimeout(() => {
      socket.destroy();
      finish(false);
    }, 15_000).unref();
  });
}

describe("a slowly dripped body", () => {
  const body = JSON.stringify({ email: "drip@example.com", password: PASSWORD, padding: "p".repeat(200) });

  for (const [label, path] of [
    ["a log-in", "/api/auth/token"],
    ["a tRPC mutation", "/api/trpc/workflow.create"],
  ] as const) {
    it(`is cut in ${label}: 408 in the one shape once the body-read deadline passes, and the connection closed`, async () => {
      // 250 bytes at 5 bytes a second would take 50 s.
      const { reply, ms, closed } = await drip(path, { "content-type": "application/json" }, body, 200);
      expect(reply).toMatch(/^HTTP\/1\.1 408 /);
      expect(reply.toLowerCase()).toContain("connection: close");
      const bodyText = reply.slice(reply.indexOf("\r\n\r\n") + 4);
      expect(JSON.parse(bodyText.slice(bodyText.indexOf("{"), bodyText.lastIndexOf("}") + 1))).toEqual({ error: { code: "REQUEST_TIMEOUT", message: expect.any(String), requestId: expect.stringMatching(UUID) } });
      expect(ms).toBeGreaterThan(1_400);
      expect(ms).toBeLessThan(6_000);
      expect(closed).toBe(true);
    });
  }

  it("does not cut a body that arrives in time", async () => {
    const me = await signUp(baseUrl());
    const { reply } = await drip("/api/trpc/workflow.create", { "content-type": "application/json", connection: "close", ...bearer(me.accessToken) }, JSON.stringify({ name: "slow but fine", code: "x = 1\n" }), 20);
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
  });
});
