/**
 * Where a person goes after logging in or signing up. No zod here: the log-in and sign-up forms need this at first
 * paint, their schemas only on submit (docs/decisions/083). ./auth.ts re-exports it.
 */

/**
 * Where to go after logging in: a same-origin path only. Anything else (`//evil.com`, `https://…`, `/\evil`,
 * control characters) falls back to `fallback`.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://same.invalid");
    if (url.origin !== "http://same.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** Where a person goes after logging in or signing up when no page sent them (issue 14: the dashboard). */
export const AFTER_LOGIN_PATH = "/dashboard";

/**
 * Where to go after logging in or signing up: the same-origin page the person came from, else the dashboard. The
 * log-in and sign-up pages themselves are not destinations (that would show the form again).
 */
export function afterLoginPath(value: unknown): string {
  const path = safeCallbackPath(value, AFTER_LOGIN_PATH);
  return /^\/(?:login|signup)(?:[/?#]|$)/.test(path) ? AFTER_LOGIN_PATH : path;
}
