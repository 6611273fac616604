"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { api } from "~/trpc/react";
import { buttonClass, FormAlert } from "./field";
import { useRefreshSession, useSession } from "./session";

const linkClass = "font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300";

/**
 * "Verify my email": uses the link's token (a button, not the page load, so a mail scanner opening the link uses
 * nothing up; docs/decisions/100). Then the session is read again, so the banner goes at once.
 */
export function VerifyEmailForm({ token }: { token: string }) {
  const verify = api.auth.verifyEmail.useMutation();
  const { status } = useSession();
  const refreshSession = useRefreshSession();
  const alertRef = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [verified, setVerified] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const { user } = await verify.mutateAsync({ token });
      setVerified(user.email);
      // Always read the session again, whatever it said when the button was pressed: a first read still in flight
      // (sent before the link was used) would otherwise leave the banner up. The newest read wins.
      await refreshSession();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not verify your email. Try again.");
      alertRef.current?.focus();
    }
  }

  if (verified) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-100">
          Your email {verified} is verified.
        </p>
        <Link className={buttonClass} href={status === "authenticated" ? "/dashboard" : "/login"}>
          {status === "authenticated" ? "Go to your workflows" : "Log in"}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert ref={alertRef} message={error} />
      <button type="submit" className={buttonClass} disabled={verify.isPending}>
        {verify.isPending ? "Verifying…" : "Verify my email"}
      </button>
      {error ? (
        <p className="text-center text-sm">
          <Link className={linkClass} href="/login">
            Log in to ask for a new link
          </Link>
        </p>
      ) : null}
    </form>
  );
}
