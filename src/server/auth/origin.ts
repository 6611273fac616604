/**
 * Same-origin check for cookie-authenticated mutations: the `Origin` header must be the app's own origin
 * (APP_URL) or the origin of the request's own Host. Without an Origin header, `Sec-Fetch-Site: same-origin`
 * is accepted; anything else is refused. Bearer-token requests are not subject to it (no ambient credential).
 */
import type { RequestHead } from "../http/request";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function isSameOrigin(req: RequestHead, appUrl: URL): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return req.headers.get("sec-fetch-site") === "same-origin";
  if (origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === appUrl.origin) return true;
  const host = req.headers.get("host");
  return host !== null && parsed.host === host && (parsed.protocol === "http:" || parsed.protocol === "https:");
}
