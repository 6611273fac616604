"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useSession } from "~/components/auth/session";
import { buttonClass } from "~/components/ui/button";
import { AccountMenu } from "./account-menu";

const AUTH_PAGES = new Set(["/login", "/signup"]);

/** The header of every page: the product, Dashboard, New workflow and the account. 56 px tall (h-14). */
export function AppHeader() {
  const pathname = usePathname() ?? "/";
  const { data: session, status } = useSession();
  const email = session?.user?.email ?? null;

  // Signed out: come back to this page after logging in (not to the auth pages themselves).
  // The editor spans the whole window; its header does too, so both line up.
  const wide = pathname === "/editor" || pathname.startsWith("/workflows/");
  const back = AUTH_PAGES.has(pathname) || pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname)}`;

  return (
    <header className="sticky top-0 z-40 border-b border-slate-200/80 bg-white/85 backdrop-blur supports-[backdrop-filter]:bg-white/70 dark:border-slate-800 dark:bg-slate-950/85 dark:supports-[backdrop-filter]:bg-slate-950/70">
      <a
        href="#content"
        className="sr-only rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <div className={`mx-auto flex h-14 items-center gap-2 px-3 sm:gap-4 sm:px-6 ${wide ? "max-w-none" : "max-w-7xl"}`}>
        <Link href="/" className="flex h-11 min-w-11 shrink-0 items-center justify-center gap-2 rounded-md font-semibold sm:h-auto sm:min-w-0 tracking-tight text-slate-900 dark:text-white">
          <Logo />
          <span className="hidden sm:inline">Workflow Studio</span>
          <span className="sr-only sm:hidden">Workflow Studio</span>
        </Link>
        <nav aria-label="Main" className="flex min-w-0 items-center gap-1">
          <NavLink href="/dashboard" active={pathname.startsWith("/dashboard")}>
            Dashboard
          </NavLink>
          <NavLink href="/editor" active={pathname === "/editor"} label="New workflow">
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0">
              <path fill="currentColor" d="M10 4a1 1 0 0 1 1 1v4h4a1 1 0 1 1 0 2h-4v4a1 1 0 1 1-2 0v-4H5a1 1 0 1 1 0-2h4V5a1 1 0 0 1 1-1Z" />
            </svg>
            <span className="hidden sm:inline">New workflow</span>
            <span className="sm:hidden">New</span>
          </NavLink>
        </nav>
        <div className="ml-auto flex min-w-[5.5rem] shrink-0 items-center justify-end gap-2">
          {status === "loading" ? (
            <span aria-hidden="true" className="h-9 w-9 animate-pulse rounded-full bg-slate-200 sm:w-40 dark:bg-slate-800" />
          ) : email ? (
            <AccountMenu email={email} />
          ) : (
            <>
              <Link href={`/login${back}`} className={buttonClass("ghost", "sm", "h-11 px-2.5 sm:h-8 sm:px-3")}>
                Log in
              </Link>
              <Link href={`/signup${back}`} className={buttonClass("primary", "sm", "h-11 px-2.5 sm:h-8 sm:px-3")}>
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

function NavLink({ href, active, label, children }: { href: string; active: boolean; label?: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-label={label}
      aria-current={active ? "page" : undefined}
      className={`inline-flex h-11 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium transition-colors sm:h-8 sm:px-3 ${
        active
          ? "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white"
          : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white"
      }`}
    >
      {children}
    </Link>
  );
}

/** The product mark: three connected nodes. */
function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
      <rect width="32" height="32" rx="8" className="fill-indigo-600" />
      <path d="M11 10.5 16 21.5M21 10.5 16 21.5" stroke="white" strokeOpacity=".7" strokeWidth="2" fill="none" />
      <circle cx="10.5" cy="10" r="3.2" fill="white" />
      <circle cx="21.5" cy="10" r="3.2" fill="white" />
      <circle cx="16" cy="22" r="3.2" fill="#c7d2fe" />
    </svg>
  );
}
