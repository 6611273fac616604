/**
 * Who is making a request: the signed-in user from an `Authorization: Bearer` access token or the next-auth session
 * cookie. Either way the session row must still be live, so logging out everywhere or changing the password ends
 * access at once in this process, and within 2 s on other instances (a live session's check is reused that long:
 * decision 061). A bad, expired or tampered credential gives null (→ 401 from protected routes), as does a
 * cookie-authenticated mutation from another origin.
 */
import type { RequestHead, SessionUser } from "../http/request";
import type { Database } from "../db/client";
import { log } from "../log";
import { readCookie, sessionCookieName } from "./cookies";
import { getKeyring } from "./keys";
import { isSafeMethod, isSameOrigin } from "./origin";
import { checkedSessionUser } from "./sessions";
import { getAuthSettings } from "./settings";
import { decryptSessionCookie, verifyAccessToken } from "./tokens";

const BEARER = /^Bearer[ ]+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

export async function authenticateRequest(req: RequestHead, db: Database): Promise<SessionUser | null> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = BEARER.exec(authorization.trim());
    if (!match) return null;
    const claims = await verifyAccessToken(match[1]!, await getKeyring());
    return claims ? checkedSessionUser(db, claims.sessionId, claims.userId) : null;
  }
  const { appUrl } = await getAuthSettings();
  const cookie = readCookie(req.headers.get("cookie"), sessionCookieName(appUrl));
  if (!cookie) return null;
  if (!isSafeMethod(req.method) && !isSameOrigin(req, appUrl)) {
    log.warn(
      { requestId: req.headers.get("x-request-id"), method: req.method, origin: req.headers.get("origin")?.slice(0, 200) ?? null },
      "refused a cookie-authenticated request from another origin",
    );
    return null;
  }
  const claims = await decryptSessionCookie(cookie, await getKeyring());
  return claims ? checkedSessionUser(db, claims.sid, claims.sub) : null;
}
