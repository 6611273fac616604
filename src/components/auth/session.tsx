"use client";

/**
 * Who is signed in, for the browser (the header, the editor's save): a small stand-in for next-auth's
 * `SessionProvider`/`useSession`, whose client (with its ES5 build and regenerator runtime, ~8 kB gzip) would
 * otherwise come with every page's first load (docs/decisions/107). Same contract and the same requests: the
 * session is read from `/api/auth/session` after hydration, read again when the tab becomes visible while signed
 * in, and when another tab signs in or out (next-auth's `nextauth.message` in localStorage). `signIn`/`signOut`
 * stay next-auth's, loaded when used (./next-auth-client.ts); both end in a full page load here.
 */
import type { Session } from "next-auth";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";

export type SessionState =
  | { data: Session; status: "authenticated" }
  | { data: null; status: "unauthenticated" | "loading" };

const LOADING: SessionState = { data: null, status: "loading" };
const SessionContext = createContext<SessionState>(LOADING);
/** Reads the session again now (after something on the server changed it, such as a verified email). */
const RefreshContext = createContext<() => Promise<void>>(async () => {});

/** The session as next-auth's endpoint answers it: null when signed out (it answers `{}`), or when it cannot be read. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const response = await fetch("/api/auth/session", { headers: { "content-type": "application/json" } });
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<Session> | null;
    return body && body.user ? (body as Session) : null;
  } catch {
    return null;
  }
}

const stateOf = (session: Session | null): SessionState =>
  session ? { data: session, status: "authenticated" } : { data: null, status: "unauthenticated" };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(LOADING);
  const signedIn = useRef(false);
  const reread = useRef<() => Promise<void>>(async () => {});
  const [refresh] = useState(() => () => reread.current());

  useEffect(() => {
    let live = true;
    let latest = 0;
    const read = async () => {
      const ask = ++latest;
      const session = await fetchSession();
      // Only the newest answer counts, and none after unmounting.
      if (!live || ask !== latest) return;
      signedIn.current = session !== null;
      setState(stateOf(session));
    };
    reread.current = read;
    void read();
    const onVisible = () => {
      if (document.visibilityState === "visible" && signedIn.current) void read();
    };
    const onStorage = (event: StorageEvent) => {
      if (event.key !== "nextauth.message" || !event.newValue) return;
      try {
        if ((JSON.parse(event.newValue) as { event?: string }).event === "session") void read();
      } catch {
        // Not next-auth's message: nothing to do.
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("storage", onStorage);
    return () => {
      live = false;
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("storage", onStorage);
    };
  }, []);

  return (
    <RefreshContext.Provider value={refresh}>
      <SessionContext.Provider value={state}>{children}</SessionContext.Provider>
    </RefreshContext.Provider>
  );
}

/** `{ data, status }` as next-auth's `useSession()` gives them ("loading" until the first answer). */
export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** A function that reads the session again and resolves once the new answer is in the context. */
export function useRefreshSession(): () => Promise<void> {
  return useContext(RefreshContext);
}
