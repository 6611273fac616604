/**
 * `route()`: the one wrapper every API handler on our own server goes through (REST, tRPC, accounts, health). It owns
 * what is the same for all of them, so no handler repeats it:
 * - the request (./request.ts): the id and client address our server stamped, the user agent, and — when the handler
 *   asks — the user, authenticated with the origin check for cookie mutations (decision 015);
 * - the response headers: the security headers of every API answer (src/server/security-headers.ts), `no-store`,
 *   `x-request-id`;
 * - bodies: read as JSON with a size limit and the body-read deadline (413/415/408 and a closed connection);
 * - errors: anything thrown leaves in the one shape (decision 004) with its status and headers, never a stack trace.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateRequest } from "../auth/authenticate";
import { type Database, getDatabase } from "../db/client";
import { errorBody } from "../errors/app-error";
import { anyAppError } from "../errors/trpc-error";
import { requestLimits } from "../limits";
import { log } from "../log";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "../security-headers";
import { CLOSE_CONNECTION, discardUnreadBody } from "./read-body";
import { readNodeJsonBody } from "./read-json";
import { type ApiRequest, type RequestHead, type RequestIdentity, identityOf, nodeHeaders } from "./request";

/** Every API answer carries these (the security headers Next's config gives pages, and the API's own policy). */
export const API_HEADERS: Readonly<Record<string, string>> = {
  ...STATIC_SECURITY_HEADERS,
  "Content-Security-Policy": API_CONTENT_SECURITY_POLICY,
  "Cache-Control": "no-store",
};

/** A handler's answer: JSON `body` (none for 204), a status (200) and extra headers. */
export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request with its database and user: what services and the tRPC context take. */
export interface AuthenticatedRequest extends ApiRequest {
  db: Database;
}

export interface RouteArgs<P> {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: P;
  /** The request's identity (id, client address, user agent), known before authentication. */
  request: RequestIdentity;
  /** The method and headers, for checks that read only those. */
  head: RequestHead;
  /** The request's JSON body, read with the size limit and the deadline. */
  json(maxBytes: number): Promise<unknown>;
  /** The identity with the database (what the account services take). */
  withDatabase(): Promise<RequestIdentity & { db: Database }>;
  /** The identity, the database and the user (null when the credential is missing, bad, ended or cross-origin). */
  authenticate(): Promise<AuthenticatedRequest>;
}

/** A handler on our server: answers the request itself (a rejection never escapes it). */
export type NodeRoute<P> = (req: IncomingMessage, res: ServerResponse, url: URL, params: P) => Promise<void>;

/**
 * Wraps a handler: it returns a `Reply` (written here as JSON with the API headers), or nothing when it wrote the
 * response itself (tRPC's adapter), after the API headers were set.
 */
export function route<P = Record<string, never>>(handle: (args: RouteArgs<P>) => Promise<Reply | void>): NodeRoute<P> {
  return async (req, res, url, params) => {
    const head: RequestHead = { method: req.method ?? "GET", headers: nodeHeaders(req.headers) };
    const request = identityOf(head.headers);
    for (const [name, value] of Object.entries(API_HEADERS)) res.setHeader(name, value);
    res.setHeader("x-request-id", request.requestId);
    const withDatabase = async () => ({ ...request, db: await getDatabase() });
    try {
      const reply = await handle({
        req,
        res,
        url,
        params,
        request,
        head,
        json: (maxBytes) => readNodeJsonBody(req, { maxBytes }),
        withDatabase,
        authenticate: async () => {
          const db = await getDatabase();
          return { ...request, db, user: await authenticateRequest(head, db) };
        },
      });
      if (reply) sendJson(res, reply);
    } catch (error) {
      await beforeRefusal(req, error);
      sendError(res, error, request.requestId);
    }
  };
}

/**
 * A refusal that closes the connection (a body refused unread or part-read: 413, 415, a batch past its bounds) is sent
 * once the body's rest is in — read and discarded, bounded by `refusedBodyDrainBytes` and the body-read deadline — so
 * that the client reads it instead of a reset. Not after a 408 (the deadline has passed) or a body that broke off.
 * A refusal on a kept-alive connection needs nothing: Node reads past the body itself before the next request.
 */
async function beforeRefusal(req: IncomingMessage, error: unknown): Promise<void> {
  const refusal = anyAppError(error);
  if (refusal.extra.headers?.Connection !== CLOSE_CONNECTION.Connection || refusal.code === "REQUEST_TIMEOUT") return;
  const limits = requestLimits();
  if (!(await discardUnreadBody(req, limits.refusedBodyDrainBytes, limits.bodyReadMs))) lingerBeforeClosing(req);
}

/** How long a connection whose body was refused part-read stays open, read-paused, after its answer went out. */
const LINGER_MS = 2_000;

/**
 * The body's rest is still coming (past the drain's bound): the answer goes out with a FIN, and the socket is destroyed
 * a moment later instead of at once. Destroying it while the sender still writes makes the kernel answer with a reset,
 * which can discard our answer unread at the other end (the sender then sees EPIPE, not the 413). Reading stays paused
 * meanwhile, so nothing more is read: the sender's writes wait on a full TCP window. Bounded: LINGER_MS per connection.
 */
function lingerBeforeClosing(req: IncomingMessage): void {
  const socket = req.socket as IncomingMessage["socket"] & { destroySoon?: () => void };
  if (socket.destroyed || typeof socket.destroySoon !== "function") return;
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
}

export function sendJson(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  res.statusCode = reply.status ?? 200;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined) {
    res.end();
    return;
  }
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(reply.body));
}

/** Any error in the one shape, with its status and headers (Retry-After, Allow, Connection: close). */
export function sendError(res: ServerResponse, error: unknown, requestId: string): void {
  const appError = anyAppError(error);
  if (appError.code === "INTERNAL_SERVER_ERROR") log.error({ err: error, requestId }, "unexpected error in a route handler");
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, {
    status: appError.status,
    body: errorBody(appError.code, appError.message, requestId, appError.extra),
    headers: appError.extra.headers,
  });
}
