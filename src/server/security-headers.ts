/**
 * The security headers that depend on the request or on the deployment (docs/decisions/042): the pages' Content
 * Security Policy with a per-request nonce, set by src/proxy.ts, and Strict-Transport-Security when APP_URL is
 * https, set on every response by the server (src/server/main.ts). The headers that never change (nosniff,
 * Referrer-Policy, frame options, the API's CSP) are in next.config.mjs. Pure: no imports, safe in the proxy.
 */

/** Two years, past ASVS 3.4.1's one-year minimum; subdomains of the app's host included; no preload list. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/** The Strict-Transport-Security value for an app served at `appUrl`, or null when it is plain http. */
export function strictTransportSecurity(appUrl: URL | string): string | null {
  const url = typeof appUrl === "string" ? new URL(appUrl) : appUrl;
  return url.protocol === "https:" ? HSTS_VALUE : null;
}

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The pages' policy. Scripts run only with this response's nonce ('strict-dynamic' lets those scripts load the app's
 * chunks); no inline script, event handler attribute or injected <script> runs. Styles keep 'unsafe-inline': React
 * Flow and CodeMirror set style attributes and style elements at run time, and a nonce cannot cover attributes.
 */
export function pageContentSecurityPolicy(options: { nonce: string; dev?: boolean; https?: boolean }): string {
  const { nonce, dev = false, https = false } = options;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The headers that never change, on every response (next.config.mjs gives them to what Next serves; our server to
 * the API it answers itself — a unit test keeps the two lists equal).
 */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/** The API answers JSON: a policy that allows nothing at all. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
