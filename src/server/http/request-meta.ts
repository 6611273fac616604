/**
 * What the app's HTTP server learns about a request before Next.js sees it:
 * a request id and the client address, passed to route handlers in headers it controls.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";
export const CLIENT_ADDRESS_HEADER = "x-workflow-studio-client-address";

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a sane incoming request id (from a proxy), else makes one. */
export function requestIdFor(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

/**
 * The client's address: the socket's, unless `trustProxyHops` proxies stand in front, in which case the
 * address that many hops from the right of `X-Forwarded-For`. A forged header buys nothing when hops is 0.
 */
export function clientAddressFor(req: Pick<IncomingMessage, "headers" | "socket">, trustProxyHops: number): string {
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
  return candidate ? normaliseAddress(candidate) : socketAddress;
}

function normaliseAddress(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/** Stamps the request with our headers, replacing whatever the client sent under those names. */
export function stampRequest(req: IncomingMessage, trustProxyHops: number): string {
  const requestId = requestIdFor(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = requestId;
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressFor(req, trustProxyHops);
  return requestId;
}
