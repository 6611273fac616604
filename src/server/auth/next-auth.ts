/**
 * next-auth v4 for the browser: the Credentials provider and the JWT session strategy. The session cookie is an
 * encrypted JWT made with our keyring (rotatable, like access tokens) and carries the session id and the session's
 * absolute end. Every read of the session (`/api/auth/session`) checks the session row, as every page and API call
 * does: a session ended by log-out, log-out everywhere, a password change, its lifetime or its idle timeout answers
 * no user at once and the cookie is cleared (decision 040). The cookie lives SESSION_IDLE_TIMEOUT from its last
 * renewal and never past the session's absolute end.
 *
 * `handleNextAuth` serves /api/auth/* from a plain Fetch Request (no `next/headers`), so the same code runs under
 * Next.js and in the HTTP test harness. It reads at most 16 KiB of body and refuses cross-origin POSTs.
 */
import NextAuth, { type AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { loginInput, safeCallbackPath } from "~/lib/validation/auth";
import { requestMeta } from "../api/context";
import { getDatabase } from "../db/client";
import { AppError } from "../errors/app-error";
import { errorResponse } from "../http/respond";
import { readBodyText } from "../http/read-body";
import { AUTH_BODY_MAX_BYTES } from "../http/read-json";
import { log } from "../log";
import { audit, type RequestInfo } from "./audit";
import { readCookie, sessionCookieName, sessionCookieOptions } from "./cookies";
import { isEmailVerified } from "./email-verification";
import { getKeyring } from "./keys";
import { redirectOrigin, sameOriginPath } from "./redirect-origin";
import { isSafeMethod, isSameOrigin } from "./origin";
import { activeSessionUser, revokeSession } from "./sessions";
import { getAuthSettings } from "./settings";
import { decryptSessionCookie, encryptSessionCookie } from "./tokens";
import { logIn } from "./users";

/** Thrown by the `jwt` callback when the session has ended; next-auth then clears the cookie. */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

export const TOO_MANY_REQUESTS_ERROR = "TooManyRequests";

interface SessionToken {
  sub: string;
  email: string;
  sid: string;
  /** The session's absolute end, ms since the epoch (0 in cookies made before it was carried). */
  sessionExpires: number;
}

function sessionTokenOf(value: Record<string, unknown>): SessionToken {
  const sessionExpires = Number(value.sessionExpires ?? 0);
  return {
    sub: String(value.sub ?? ""),
    email: String(value.email ?? ""),
    sid: String(value.sid ?? ""),
    sessionExpires: Number.isFinite(sessionExpires) ? sessionExpires : 0,
  };
}

/** The cookie's lifetime in seconds: the idle timeout, cut short by the session's absolute end. */
function cookieMaxAge(token: SessionToken, idleTimeoutSeconds: number, now = Date.now()): number {
  if (token.sessionExpires <= 0) return idleTimeoutSeconds;
  return Math.max(1, Math.min(idleTimeoutSeconds, Math.floor((token.sessionExpires - now) / 1000)));
}

/**
 * The next-auth options for one request: authorize and the callbacks know who is asking. Redirects point to
 * `origin` (see redirect-origin.ts; APP_URL's origin unless given).
 */
export async function buildAuthOptions(
  req: RequestInfo,
  onRateLimited: (retryAfter: number) => void,
  origin?: string,
): Promise<AuthOptions> {
  const keyring = await getKeyring();
  const { appUrl, sessionIdleTimeout } = await getAuthSettings();
  const redirectTo = origin ?? appUrl.origin;
  const secure = appUrl.protocol === "https:";
  return {
    secret: keyring.current.csrfSecret,
    useSecureCookies: secure,
    cookies: { sessionToken: { name: sessionCookieName(appUrl), options: sessionCookieOptions(appUrl) } },
    session: { strategy: "jwt", maxAge: sessionIdleTimeout },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const parsed = loginInput.safeParse({ email: credentials?.email, password: credentials?.password });
          if (!parsed.success) return null;
          try {
            const { user, sessionId, sessionExpires } = await logIn(req, parsed.data, "browser");
            return { id: user.id, email: user.email, sessionId, sessionExpires: sessionExpires.getTime() };
          } catch (error) {
            if (error instanceof AppError && error.code === "INVALID_CREDENTIALS") return null;
            if (error instanceof AppError && error.code === "TOO_MANY_REQUESTS") {
              onRateLimited(Number(error.extra.headers?.["Retry-After"] ?? 60));
              throw new Error(TOO_MANY_REQUESTS_ERROR);
            }
            log.error({ err: error, requestId: req.requestId }, "log-in failed unexpectedly");
            throw new Error("Default");
          }
        },
      }),
    ],
    jwt: {
      maxAge: sessionIdleTimeout,
      encode: async ({ token, maxAge }) => {
        const current = sessionTokenOf(token ?? {});
        return encryptSessionCookie({ ...current }, keyring, Math.min(maxAge ?? sessionIdleTimeout, cookieMaxAge(current, sessionIdleTimeout)));
      },
      decode: async ({ token }) => (token ? ((await decryptSessionCookie(token, keyring)) as never) : null),
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const signedIn = user as unknown as { id: string; email: string; sessionId: string; sessionExpires: number };
          return { sub: signedIn.id, email: signedIn.email, sid: signedIn.sessionId, sessionExpires: signedIn.sessionExpires };
        }
        // Every session read checks the row (and notes the use), so an ended session answers no user at once.
        const current = sessionTokenOf(token);
        if (!(await activeSessionUser(req.db, current.sid, current.sub))) throw new SessionEnded("the session has ended");
        return { ...current };
      },
      async session({ session, token }) {
        const current = sessionTokenOf(token);
        // For the "Verify your email" banner (decision 099): read at each session read, so verifying shows at once.
        const emailVerified = await isEmailVerified(req, current.sub);
        return { expires: session.expires, user: { id: current.sub, email: current.email, emailVerified } } as never;
      },
      async redirect({ url, baseUrl }) {
        const origins = [redirectTo, appUrl.origin, new URL(baseUrl).origin];
        return `${redirectTo}${sameOriginPath(url, origins, (path) => safeCallbackPath(path))}`;
      },
    },
    events: {
      async signOut({ token }) {
        const current = sessionTokenOf((token ?? {}) as Record<string, unknown>);
        if (!current.sid) return;
        const ended = await revokeSession(req.db.prisma, current.sid, "logout");
        if (ended > 0) await audit(req, { type: "logout", userId: current.sub, details: { sessionId: current.sid, method: "browser" } });
      },
    },
    logger: {
      error(code, metadata) {
        const err = metadata instanceof Error ? metadata : (metadata as { error?: unknown }).error;
        if (err instanceof SessionEnded) {
          log.info({ requestId: req.requestId }, "browser session ended; cookie cleared");
          return;
        }
        log.error({ code, err, requestId: req.requestId }, "next-auth error");
      },
      warn(code) {
        log.warn({ code, requestId: req.requestId }, "next-auth warning");
      },
      debug(code) {
        log.debug({ code, requestId: req.requestId }, "next-auth debug");
      },
    },
  };
}

/** A minimal Node-style response that next-auth's API handler writes to. */
class CollectingResponse {
  statusCode = 200;
  readonly headers = new Headers();
  body: string | null = null;

  status(code: number) {
    this.statusCode = code;
    return this;
  }
  getHeader(name: string) {
    return name.toLowerCase() === "set-cookie" ? this.headers.getSetCookie() : (this.headers.get(name) ?? undefined);
  }
  setHeader(name: string, value: string | string[]) {
    if (Array.isArray(value)) {
      this.headers.delete(name);
      for (const v of value) this.headers.append(name, v);
    } else {
      this.headers.set(name, value);
    }
    return this;
  }
  end() {
    return this;
  }
  json(value: unknown) {
    this.headers.set("content-type", "application/json");
    this.body = JSON.stringify(value);
    return this;
  }
  send(value: unknown) {
    if (typeof value === "string") this.body = value;
    else if (value !== undefined && value !== null) return this.json(value);
    return this;
  }
}

async function readForm(req: Request): Promise<Record<string, string>> {
  if (req.method !== "POST") return {};
  const text = await readBodyText(req, AUTH_BODY_MAX_BYTES);
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  if (type.includes("application/json")) {
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === "string")) as Record<string, string>;
      }
    } catch {
      throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
    }
    throw new AppError("BAD_REQUEST", "The request body must be a JSON object.");
  }
  return {};
}

/** Serves next-auth at /api/auth/<segments>. */
export async function handleNextAuth(req: Request, segments: string[]): Promise<Response> {
  const meta = requestMeta(req);
  try {
    const { appUrl, redirectsFollowRequest } = await getAuthSettings();
    // next-auth reads its own URL from NEXTAUTH_URL; ours is APP_URL.
    process.env.NEXTAUTH_URL ??= new URL("/api/auth", appUrl).toString();
    if (!isSafeMethod(req.method) && !isSameOrigin(req, appUrl)) {
      throw new AppError("FORBIDDEN", "Cross-origin requests are not accepted here.");
    }
    // next-auth answers a GET of the credentials callback with a 500 ("not supported"); signing in is a POST.
    if (segments[0] === "callback" && req.method !== "POST") {
      throw new AppError("METHOD_NOT_SUPPORTED", "Sign in with a POST request.", { headers: { allow: "POST" } });
    }
    const body = await readForm(req);
    const db = await getDatabase();
    let retryAfter: number | undefined;
    const options = await buildAuthOptions(
      { ...meta, db },
      (seconds) => {
        retryAfter = seconds;
      },
      redirectOrigin(appUrl, redirectsFollowRequest, req),
    );
    const url = new URL(req.url);
    const cookieHeader = req.headers.get("cookie");
    const cookies: Record<string, string> = {};
    for (const name of cookieNames(cookieHeader)) {
      const value = readCookie(cookieHeader, name);
      if (value !== null) cookies[name] = value;
    }
    const query = { ...Object.fromEntries(url.searchParams), nextauth: segments };
    const fakeReq = { query, body, cookies, headers: Object.fromEntries(req.headers), method: req.method };
    const res = new CollectingResponse();
    await (NextAuth as unknown as (req: unknown, res: unknown, options: AuthOptions) => Promise<unknown>)(fakeReq, res, options);
    const headers = new Headers(res.headers);
    headers.set("cache-control", "no-store");
    headers.set("x-request-id", meta.requestId);
    let status = res.statusCode;
    if (retryAfter !== undefined) {
      status = 429;
      headers.set("retry-after", String(retryAfter));
    }
    return new Response(res.body, { status, headers });
  } catch (error) {
    return errorResponse(error, meta.requestId);
  }
}

function cookieNames(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(";")
    .map((part) => part.slice(0, Math.max(part.indexOf("="), 0)).trim())
    .filter(Boolean);
}

