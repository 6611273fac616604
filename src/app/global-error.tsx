"use client";

import "./globals.css";

/**
 * When the root layout itself fails (so no header, no providers): the app's own page, with its own <html>, in the
 * same look as the other status pages, and a full reload as the way back.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <head>
        <title>Something went wrong · Workflow Studio</title>
      </head>
      <body className="flex min-h-dvh flex-col font-sans">
        <main className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-6 py-16 text-center">
          <svg aria-hidden="true" viewBox="0 0 32 32" className="size-12">
            <rect width="32" height="32" rx="8" fill="#4f46e5" />
            <path d="M11 10.5 16 21.5M21 10.5 16 21.5" stroke="white" strokeOpacity=".7" strokeWidth="2" fill="none" />
            <circle cx="10.5" cy="10" r="3.2" fill="white" />
            <circle cx="21.5" cy="10" r="3.2" fill="white" />
            <circle cx="16" cy="22" r="3.2" fill="#c7d2fe" />
          </svg>
          <p className="mt-6 text-sm font-semibold tracking-wide text-indigo-700 dark:text-indigo-300">Workflow Studio</p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight">Something went wrong</h1>
          <p className="mt-3 text-slate-600 dark:text-slate-400">The app could not start this page. Your saved workflows are safe.</p>
          {error.digest ? <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">Reference: {error.digest}</p> : null}
          {/* A full reload starts the app afresh. */}
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="mt-8 inline-flex h-11 items-center justify-center rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
          >
            Reload the page
          </button>
        </main>
      </body>
    </html>
  );
}
