/**
 * What the app's HTTP server learns about a request before Next.js sees it — a request id of its own, the client's
 * own request id (kept apart), and the client address — passed to route handlers in headers it controls.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { log } from "../log";

export const REQUEST_ID_HEADER = "x-request-id";
/** The `X-Request-Id` the client (or a proxy) sent, sanitised; never used as our id. */
export const CLIENT_REQUEST_ID_HEADER = "x-workflow-studio-client-request-id";
export const CLIENT_ADDRESS_HEADER = "x-workflow-studio-client-address";

const OUR_REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLIENT_REQUEST_ID_MAX = 64;

export function newRequestId(): string {
  return randomUUID();
}

/**
 * The request id stamped by our server (a UUID it generated), or a fresh one when the header is missing or is not
 * one of ours — a handler reached without our server never adopts a client's value.
 */
export function requestIdFor(stamped: string | string[] | undefined | null): string {
  const value = Array.isArray(stamped) ? stamped[0] : stamped;
  return value && OUR_REQUEST_ID.test(value) ? value : newRequestId();
}

/**
 * The client's own request id, for correlation only: printable ASCII letters, digits and `._:-` kept, anything else
 * replaced by `_`, at most 64 characters; null when there is nothing left.
 */
export function clientRequestIdFor(incoming: string | string[] | undefined | null): string | null {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  if (!value) return null;
  const clean = value.slice(0, CLIENT_REQUEST_ID_MAX).replace(/[^A-Za-z0-9._:-]/g, "_");
  return /[A-Za-z0-9]/.test(clean) ? clean : null;
}

/** A forwarded address that is not an IP address, with what it said (truncated) for the warning. */
export interface ForgedForwardedAddress {
  value: string;
}

/**
 * A forwarded address as an IP: a plain IPv4 or IPv6 address, also written `1.2.3.4:port` or `[v6]:port` as some
 * proxies do; anything else is null.
 */
export function forwardedIp(candidate: string): string | null {
  let value = candidate.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  return isIP(value) ? normaliseAddress(value) : null;
}

/**
 * The client's address: the socket's, unless `trustProxyHops` proxies stand in front, in which case the address that
 * many hops from the right of `X-Forwarded-For` — only when it is a valid IP address. Anything else there (a forged
 * `"1.2.3.4 type=login_success"`) falls back to the socket's address and is reported through `onForged`.
 */
export function clientAddressFor(
  req: Pick<IncomingMessage, "headers" | "socket">,
  trustProxyHops: number,
  onForged?: (forged: ForgedForwardedAddress) => void,
): string {
  const socketAddress = normaliseAddress(req.socket.remoteAddress ?? "unknown");
  if (trustProxyHops <= 0) return socketAddress;
  const header = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  // The socket peer is the nearest proxy; each trusted hop appended the address it saw.
  const index = chain.length - trustProxyHops;
  const candidate = index >= 0 ? chain[index] : chain[0];
  if (!candidate) return socketAddress;
  const ip = forwardedIp(candidate);
  if (ip) return ip;
  onForged?.({ value: candidate.slice(0, 100) });
  return socketAddress;
}

function normaliseAddress(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/**
 * Stamps the request with our headers, replacing whatever the client sent under those names: our own request id
 * (always generated here), the client's `X-Request-Id` apart (sanitised), and the client address.
 */
export function stampRequest(req: IncomingMessage, trustProxyHops: number): string {
  const requestId = newRequestId();
  const clientRequestId = clientRequestIdFor(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = requestId;
  if (clientRequestId) req.headers[CLIENT_REQUEST_ID_HEADER] = clientRequestId;
  else delete req.headers[CLIENT_REQUEST_ID_HEADER];
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressFor(req, trustProxyHops, (forged) => {
    log.warn(
      { requestId, forwardedFor: forged.value, socketAddress: normaliseAddress(req.socket.remoteAddress ?? "unknown") },
      "X-Forwarded-For holds no valid IP address at the trusted hop: using the socket's address",
    );
  });
  return requestId;
}
