/**
 * The session cookie's name and flags, set in one place: HttpOnly, SameSite=Lax, Path=/, and Secure (with the
 * `__Secure-` prefix) when APP_URL is https.
 */
export function sessionCookieName(appUrl: URL): string {
  return appUrl.protocol === "https:" ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function sessionCookieOptions(appUrl: URL) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: appUrl.protocol === "https:" };
}

/** One cookie's value from a Cookie header, or null. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    }
  }
  return null;
}
