/**
 * The one request type every handler sees (REST, tRPC, next-auth, pages): who is asking and from where, stamped by our
 * server before any handler runs (src/server/http/request-meta.ts), and the user once authenticated. The auth services,
 * the tRPC context and the route wrapper (`route()` in ./route.ts) all take it from here.
 */
import type { IncomingHttpHeaders } from "node:http";
import { CLIENT_ADDRESS_HEADER, CLIENT_REQUEST_ID_HEADER, REQUEST_ID_HEADER, requestIdFor } from "./request-meta";

export interface SessionUser {
  id: string;
  email: string;
  /** The session (browser cookie or API token family) the request came with. */
  sessionId?: string;
}

/** Who is asking and from where, known before authentication. */
export interface RequestIdentity {
  /** Our own id of the request (a UUID the server generated). */
  requestId: string;
  /** The `X-Request-Id` the client sent, sanitised, for correlation only (null when none). */
  clientRequestId: string | null;
  clientAddress: string;
  userAgent: string | null;
}

/** A request as every handler sees it: its identity and its user (null when nobody is signed in). */
export interface ApiRequest extends RequestIdentity {
  user: SessionUser | null;
}

/** The headers of a request, read one at a time: a fetch `Headers`, or a node:http request's through `nodeHeaders`. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** The method and headers of a request: all that authentication and the origin check read. */
export interface RequestHead {
  method: string;
  headers: HeaderReader;
}

/** A node:http request's headers as a `HeaderReader` (names in lower case; repeated values: the first). */
export function nodeHeaders(headers: IncomingHttpHeaders): HeaderReader {
  return {
    get(name: string) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? (value[0] ?? null) : value;
    },
  };
}

/** The identity our server stamped on a request (see request-meta.ts); safe defaults when it was not stamped. */
export function identityOf(headers: HeaderReader): RequestIdentity {
  return {
    requestId: requestIdFor(headers.get(REQUEST_ID_HEADER)),
    clientRequestId: headers.get(CLIENT_REQUEST_ID_HEADER),
    clientAddress: headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown",
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}
