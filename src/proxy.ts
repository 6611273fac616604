/**
 * Next.js 16 proxy (formerly middleware), on every page request:
 * - a fresh nonce and the page's Content-Security-Policy (docs/decisions/042): on the request, where Next.js reads
 *   the nonce and puts it on its own scripts while rendering, and on the response, where the browser enforces it;
 * - pages that need an account redirect to /login with a callback when the request carries no session cookie. It
 *   only looks for the cookie — cheap, no database — and the pages themselves check the session for real
 *   (`requireUser` in src/server/auth/server-user.ts), as every API route does.
 */
import { NextResponse, type NextRequest } from "next/server";
import { createNonce, pageContentSecurityPolicy } from "./server/security-headers";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PROTECTED = /^\/(?:dashboard|settings|workflows)(?:\/|$)/;

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = pageContentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: (process.env.APP_URL ?? "").startsWith("https:"),
  });

  let response: NextResponse;
  if (PROTECTED.test(request.nextUrl.pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const login = request.nextUrl.clone();
    login.pathname = "/login";
    login.search = "";
    login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    response = NextResponse.redirect(login);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Pages only: API routes answer JSON under the fixed API policy of next.config.mjs; static files need none.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon.ico).*)"],
};
