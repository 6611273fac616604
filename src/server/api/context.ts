/**
 * The tRPC context: the request (src/server/http/request.ts) and the database. An inner part that tests build
 * directly, and a thin wrapper that reads a request's head.
 */
import type { Database } from "../db/client";
import { getDatabase } from "../db/client";
import { authenticateRequest } from "../auth/authenticate";
import { type ApiRequest, type RequestHead, identityOf } from "../http/request";
import { requestIdFor } from "../http/request-meta";

export type { SessionUser } from "../http/request";

export interface InnerContext extends ApiRequest {
  db: Database;
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

/** What every request handler knows about its request before authentication (a fetch `Request`'s headers). */
export function requestMeta(req: { headers: RequestHead["headers"] }) {
  return identityOf(req.headers);
}

/** The context of a request: its identity, the database, and its user (session cookie or Bearer token). */
export async function createRequestContext(req: RequestHead): Promise<InnerContext> {
  const db = await getDatabase();
  return { ...identityOf(req.headers), db, user: await authenticateRequest(req, db) };
}
