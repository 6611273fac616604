"use client";

import Link from "next/link";
import { StatusPage } from "~/components/layout/status-page";
import { buttonClass } from "~/components/ui/button";

/**
 * A page that failed while rendering: inside the app's frame (the header stays), a plain message, Try again, and the
 * reference the server logged (the digest) so a report can be matched to the log. Never the error's own text or
 * stack, which may carry internals.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage
      code="Error"
      title="Something went wrong"
      actions={
        <>
          <button type="button" onClick={() => reset()} className={buttonClass("primary", "md", "h-11 sm:h-10")}>
            Try again
          </button>
          <Link href="/dashboard" className={buttonClass("secondary", "md", "h-11 sm:h-10")}>
            Go to your workflows
          </Link>
        </>
      }
    >
      <p>This page could not be shown. Your saved workflows are safe; try again in a moment.</p>
      {error.digest ? <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">Reference: {error.digest}</p> : null}
    </StatusPage>
  );
}
