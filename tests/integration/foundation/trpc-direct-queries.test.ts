/**
 * tRPC GET queries answered straight through `createCaller` (src/server/api/trpc-direct.ts) give the answer tRPC's
 * node-http adapter gives: the same status, body (envelope, transformer, errors in the one shape), headers and log
 * lines — for data, batches, and errors (401, 404, bad input, a bad token, a mixed batch). Two servers on one database,
 * the app's (fast path) and one whose tRPC route sends everything through the adapter, asked the same questions.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApi } from "../../../src/server/api/http-routes";
import { createTrpcRoute } from "../../../src/server/api/trpc-http";
import { stampRequest } from "../../../src/server/http/request-meta";
import { captureLogs, register, tokens } from "../../helpers/auth";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

setupTestDatabase();
const fastUrl = setupTestServer();
const logs = captureLogs();

/** The same API, but tRPC only through the adapter (no procedure answered directly). */
const adapterOnly = createTrpcRoute(new Set());
let adapterServer: Server;
let adapterUrl: string;

beforeAll(async () => {
  adapterServer = createServer((req, res) => {
    stampRequest(req, 0);
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/api/trpc/")) void adapterOnly(req, res, url, {});
    else if (!serveApi(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => adapterServer.listen(0, "127.0.0.1", resolve));
  adapterUrl = `http://127.0.0.1:${(adapterServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  adapterServer.closeAllConnections();
  await new Promise((resolve) => adapterServer.close(resolve));
});

/** Headers that differ by design between any two answers: the request id, the date, and the body's framing. */
const PER_ANSWER = new Set(["x-request-id", "date", "content-length", "transfer-encoding", "connection", "keep-alive"]);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  logs: string[];
  framing: "length" | "chunked";
}

async function ask(baseUrl: string, path: string, headers: Record<string, string>): Promise<Answer> {
  const before = logs().length;
  const response = await fetch(`${baseUrl}${path}`, { headers });
  const text = await response.text();
  const requestId = response.headers.get("x-request-id")!;
  const kept: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!PER_ANSWER.has(name)) kept[name] = value;
  });
  const lines = logs()
    .slice(before)
    .filter((line) => line.includes(requestId))
    .map((line) => {
      const { time: _time, pid: _pid, hostname: _hostname, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(rest).replaceAll(requestId, "<request id>");
    });
  return {
    status: response.status,
    headers: kept,
    body: text.replaceAll(requestId, "<request id>"),
    logs: lines,
    framing: response.headers.get("content-length") !== null ? "length" : "chunked",
  };
}

const query = (path: string, input?: unknown) => `/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
const batch = (paths: string[], inputs: Record<number, unknown>) =>
  `/api/trpc/${paths.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;

describe("GET queries through createCaller answer as tRPC's adapter does", () => {
  let auth: Record<string, string>;
  let workflowId: string;

  beforeAll(async () => {
    await register(fastUrl(), "direct@example.com");
    auth = { authorization: `Bearer ${(await tokens(fastUrl(), "direct@example.com")).accessToken}` };
    const saved = await fetch(`${fastUrl()}/api/trpc/workflow.save`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ name: "compared", code: "print('same')\n" }),
    });
    workflowId = ((await saved.json()) as { result: { data: { id: string } } }).result.data.id;
  });

  const cases: Array<[string, () => [string, Record<string, string>], number]> = [
    ["workflow.list", () => [query("workflow.list", { limit: 5 }), auth], 200],
    ["workflow.list without input", () => [query("workflow.list"), auth], 200],
    ["workflow.get", () => [query("workflow.get", { id: workflowId }), auth], 200],
    ["auth.me", () => [query("auth.me"), auth], 200],
    ["auth.sessions", () => [query("auth.sessions"), auth], 200],
    ["system.health", () => [query("system.health"), {}], 200],
    ["a batch of reads", () => [batch(["workflow.get", "auth.me", "workflow.list"], { 0: { id: workflowId }, 2: { limit: 1 } }), auth], 200],
    ["auth.me signed out (401)", () => [query("auth.me"), {}], 401],
    ["workflow.list with a forged token (401)", () => [query("workflow.list", { limit: 5 }), { authorization: "Bearer abc.def.ghi" }], 401],
    ["workflow.get of nobody's id (404)", () => [query("workflow.get", { id: "00000000-0000-4000-8000-000000000000" }), auth], 404],
    ["workflow.get with a bad id (400 with fields)", () => [query("workflow.get", { id: "not-a-uuid" }), auth], 400],
    ["workflow.list with a bad limit (400)", () => [query("workflow.list", { limit: -1, extra: true }), auth], 400],
    ["a batch with one 404 among reads", () => [batch(["workflow.list", "workflow.get"], { 0: { limit: 1 }, 1: { id: "00000000-0000-4000-8000-000000000000" } }), auth], 404],
    ["a batch of a 404 and a 400 (207)", () => [batch(["workflow.get", "workflow.get"], { 0: { id: "00000000-0000-4000-8000-000000000000" }, 1: { id: 7 } }), auth], 207],
    ["a batch signed out (401 for each)", () => [batch(["auth.me", "workflow.get"], { 1: { id: 7 } }), {}], 401],
  ];

  for (const [name, request, status] of cases) {
    it(`${name}: the same answer`, async () => {
      const [path, headers] = request();
      const fast = await ask(fastUrl(), path, headers);
      const adapter = await ask(adapterUrl, path, headers);
      expect(fast.status).toBe(status);
      // The fast path answered (its body has a length; the adapter streams it in chunks), and it said the same.
      expect([fast.framing, adapter.framing]).toEqual(["length", "chunked"]);
      expect({ ...fast, framing: null }).toEqual({ ...adapter, framing: null });
    });
  }

  it("leaves streaming (`trpc-accept`, `accept: application/jsonl`) and input that does not parse to the adapter", async () => {
    for (const [path, headers] of [
      [query("auth.me"), { ...auth, "trpc-accept": "application/jsonl" }],
      [batch(["auth.me"], {}), { ...auth, accept: "application/jsonl" }],
      [`/api/trpc/workflow.list?input=${encodeURIComponent("{not json")}`, auth],
      [`/api/trpc/workflow.list,auth.me?batch=1&input=${encodeURIComponent("[1,2]")}`, auth],
    ] as Array<[string, Record<string, string>]>) {
      const fast = await ask(fastUrl(), path, headers);
      const adapter = await ask(adapterUrl, path, headers);
      expect(fast.framing).toBe("chunked");
      expect(fast).toEqual(adapter);
    }
  });
});
