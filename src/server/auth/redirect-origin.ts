/**
 * The origin that redirects after log-in and log-out point to (docs/decisions/067): the app's own URL (APP_URL, or
 * `http://localhost:$PORT` when it is unset), or — in development with no APP_URL — the origin the request was
 * sent to, so `npm run dev` on any port or host name sends people back to the page they are on. In production the
 * Host header is never trusted for redirects.
 */
export function redirectOrigin(appUrl: URL, followRequest: boolean, request: Request): string {
  if (!followRequest) return appUrl.origin;
  const host = request.headers.get("host");
  if (!host) return appUrl.origin;
  // A Host header is a host name or address and an optional port, nothing more.
  if (!HOST.test(host)) return appUrl.origin;
  const protocol = new URL(request.url).protocol === "https:" ? "https:" : "http:";
  try {
    return new URL(`${protocol}//${host}`).origin;
  } catch {
    return appUrl.origin;
  }
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The same-origin path a redirect may go to: `url` as a path, or as an absolute URL on one of `origins`; anything
 * else (another site, a malformed value) is "/".
 */
export function sameOriginPath(url: string, origins: readonly string[], safePath: (path: string) => string): string {
  if (url.startsWith("/")) return safePath(url);
  try {
    const parsed = new URL(url);
    if (!origins.includes(parsed.origin)) return "/";
    return safePath(`${parsed.pathname}${parsed.search}${parsed.hash}`);
  } catch {
    return "/";
  }
}
