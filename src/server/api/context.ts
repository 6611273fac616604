/**
 * The tRPC context: an inner part that tests build directly, and a thin wrapper that reads a request.
 */
import type { Database } from "../db/client";
import { getDatabase } from "../db/client";
import { authenticateRequest } from "../auth/authenticate";
import { CLIENT_ADDRESS_HEADER, CLIENT_REQUEST_ID_HEADER, REQUEST_ID_HEADER, requestIdFor } from "../http/request-meta";

export interface SessionUser {
  id: string;
  email: string;
  /** The session (browser cookie or API token family) the request came with. */
  sessionId?: string;
}

export interface InnerContext {
  db: Database;
  user: SessionUser | null;
  /** Our own id of the request (a UUID the server generated). */
  requestId: string;
  /** The `X-Request-Id` the client sent, sanitised, for correlation only (null when none). */
  clientRequestId: string | null;
  clientAddress: string;
  userAgent: string | null;
}

export function createInnerContext(
  input: Partial<InnerContext> & Pick<InnerContext, "db">,
): InnerContext {
  return {
    user: null,
    requestId: requestIdFor(undefined),
    clientRequestId: null,
    clientAddress: "unknown",
    userAgent: null,
    ...input,
  };
}

/** What every request handler knows about its request before authentication. */
export function requestMeta(req: Request) {
  return {
    requestId: requestIdFor(req.headers.get(REQUEST_ID_HEADER)),
    clientRequestId: req.headers.get(CLIENT_REQUEST_ID_HEADER),
    clientAddress: req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown",
    userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}

export async function createRequestContext(req: Request): Promise<InnerContext> {
  const meta = requestMeta(req);
  const db = await getDatabase();
  return createInnerContext({ ...meta, db, user: await authenticateRequest(req, db) });
}
