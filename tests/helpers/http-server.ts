/**
 * Serves the app's API over real HTTP on loopback, stamped by the same request-meta code as the production server
 * and answered by the same API dispatcher (src/server/api/http-routes.ts), so integration tests speak HTTP to the
 * handlers with the test file's own database. What Next serves in production (next-auth, the OpenAPI document)
 * is served here from its route modules.
 * Pages are not served here; the browser tests run the production build.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll } from "vitest";
import { serveApi } from "../../src/server/api/http-routes";
import { stampRequest } from "../../src/server/http/request-meta";
import { APP_ROUTES, type RouteModule } from "./routes";

type Params = Record<string, string | string[]>;

function match(pattern: string, pathname: string): Params | null {
  const want = pattern.split("/").filter(Boolean);
  const have = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
    if (catchAll) {
      if (have.length <= i) return null;
      params[catchAll[1]!] = have.slice(i);
      return params;
    }
    const value = have[i];
    if (value === undefined) return null;
    const dynamic = /^\[(\w+)\]$/.exec(segment);
    if (dynamic) params[dynamic[1]!] = value;
    else if (segment !== value) return null;
  }
  return have.length === want.length ? params : null;
}

function findRoute(pathname: string): { module: RouteModule; params: Params } | null {
  // Static segments win over dynamic ones, as in Next.js: try the most specific patterns first.
  for (const [pattern, module] of APP_ROUTES) {
    const params = match(pattern, pathname);
    if (params) return { module, params };
  }
  return null;
}

async function handle(req: IncomingMessage, res: ServerResponse, options: { trustProxyHops: number }) {
  stampRequest(req, options.trustProxyHops);
  if (serveApi(req, res)) return;
  const url = new URL(req.url ?? "/", "http://localhost");
  const route = findRoute(url.pathname);
  const method = (req.method ?? "GET").toUpperCase();
  const handler = route?.module[method as keyof RouteModule];
  if (!route || !handler) {
    // What Next would answer: its HTML not-found page, or an empty 405 from a route module without that method.
    res.writeHead(route ? 405 : 404, { "content-type": route ? "text/plain" : "text/html; charset=utf-8" });
    res.end(route ? "" : "<!DOCTYPE html><title>404: This page could not be found.</title>");
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(url, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(route.params) });
  const outHeaders: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === "set-cookie") return;
    outHeaders[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) outHeaders["set-cookie"] = cookies;
  res.writeHead(response.status, outHeaders);
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  }
  res.end();
}

export interface TestServer {
  url: string;
  server: Server;
}

export async function startTestServer(options: { trustProxyHops?: number } = {}): Promise<TestServer> {
  const server = createServer((req, res) => {
    handle(req, res, { trustProxyHops: options.trustProxyHops ?? 0 }).catch((error: unknown) => {
      // A handler that throws is a bug the tests must see as a 500, exactly as the real server would answer.
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`unhandled: ${(error as Error).message}`);
    });
  });
  // As the app's server does: clients keep connections longer than Node's 5 s default, and a connection closed by
  // the server while a client reuses it resets that client's request.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/** Starts a loopback server for the calling test file; call after setupTestDatabase(). */
export function setupTestServer(options: { trustProxyHops?: number } = {}): () => string {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer(options);
  });
  afterAll(async () => {
    started?.server.closeAllConnections();
    await new Promise((resolve) => started?.server.close(resolve));
  });
  return () => {
    if (!started) throw new Error("setupTestServer(): the server starts in beforeAll");
    return started.url;
  };
}
