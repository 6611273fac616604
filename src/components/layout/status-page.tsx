import type { ReactNode } from "react";

/**
 * The frame of the app's own status pages (404, errors): the product's mark, a code, a heading, a sentence and
 * the ways on. Plain markup, usable from server and client components.
 */
export function StatusPage({ code, title, children, actions }: { code: string; title: string; children: ReactNode; actions: ReactNode }) {
  return (
    <main className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-6 py-16 text-center">
      <svg aria-hidden="true" viewBox="0 0 64 48" className="h-16 w-20 text-indigo-500">
        <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <rect x="4" y="4" width="20" height="10" rx="3" />
          <rect x="40" y="4" width="20" height="10" rx="3" />
          <rect x="22" y="34" width="20" height="10" rx="3" strokeDasharray="4 3" className="text-violet-500" stroke="currentColor" />
          <path d="M14 14v6a4 4 0 0 0 4 4h10a4 4 0 0 1 4 4v6M50 14v6a4 4 0 0 1-4 4H36a4 4 0 0 0-4 4" strokeOpacity=".6" />
        </g>
      </svg>
      <p className="mt-6 text-sm font-semibold tracking-wide text-indigo-700 dark:text-indigo-300">{code}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">{title}</h1>
      <div className="mt-3 text-base text-slate-600 dark:text-slate-400">{children}</div>
      <div className="mt-8 flex flex-wrap justify-center gap-3">{actions}</div>
    </main>
  );
}
