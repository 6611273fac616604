import type { ReactNode } from "react";

/** Log in and sign up: one card in the middle of the page, on a quiet background. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="relative flex flex-1 items-start justify-center overflow-hidden px-4 py-12 sm:items-center sm:py-16">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_at_top,var(--color-indigo-100),transparent_60%)] dark:bg-[radial-gradient(ellipse_at_top,rgb(79_70_229/0.18),transparent_60%)]"
      />
      <div className="relative flex w-full max-w-sm flex-col gap-6 rounded-2xl border border-slate-200 bg-white p-6 shadow-xl shadow-slate-900/5 sm:p-8 dark:border-slate-800 dark:bg-slate-900 dark:shadow-black/30">
        {children}
      </div>
    </main>
  );
}
