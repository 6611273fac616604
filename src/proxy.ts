/**
 * Next.js 16 proxy (formerly middleware): pages that need an account redirect to /login with a callback when the
 * request carries no session cookie. It only looks for the cookie — cheap, no database — and the pages themselves
 * check the session for real (`requireUser` in src/server/auth/server-user.ts), as every API route does.
 */
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = request.nextUrl.clone();
  login.pathname = "/login";
  login.search = "";
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/dashboard", "/dashboard/:path*", "/settings", "/settings/:path*", "/workflows/:path*"],
};
