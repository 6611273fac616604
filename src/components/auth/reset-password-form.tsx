"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { AFTER_LOGIN_PATH, resetPasswordInput } from "~/lib/validation/auth";
import { api } from "~/trpc/react";
import { buttonClass, FormAlert, NewPasswordField } from "./field";
import { signIn, useNextAuthWarmUp } from "./next-auth-client";
import { useFormFeedback } from "./use-form-feedback";

const linkClass = "font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300";

/**
 * A new password with the link's token; then the person is logged in with it, through the usual log-in
 * (docs/decisions/096), and lands on the dashboard.
 */
export function ResetPasswordForm({ token }: { token: string }) {
  const { alert, fields, validate, showServerError } = useFormFeedback();
  const alertRef = useRef<HTMLDivElement>(null);
  const reset = api.auth.resetPassword.useMutation();
  const [signingIn, setSigningIn] = useState(false);
  useNextAuthWarmUp();
  const [linkRefused, setLinkRefused] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = validate(resetPasswordInput, event.currentTarget, ["token", "password"]);
    if (!data) {
      alertRef.current?.focus();
      return;
    }
    let email: string;
    try {
      email = (await reset.mutateAsync(data)).user.email;
    } catch (error) {
      showServerError(error, "Could not set the new password. Try again.");
      const fieldsOf = (error as { data?: { fields?: Record<string, unknown> } } | null)?.data?.fields;
      setLinkRefused(Boolean(fieldsOf?.token) || /link/i.test(error instanceof Error ? error.message : ""));
      alertRef.current?.focus();
      return;
    }
    setSigningIn(true);
    const result = await signIn("credentials", { email, password: data.password, redirect: false, callbackUrl: AFTER_LOGIN_PATH });
    window.location.assign(!result || result.error ? "/login?reset=done" : AFTER_LOGIN_PATH);
  }

  const pending = reset.isPending || signingIn;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert ref={alertRef} message={alert} />
      {linkRefused ? (
        <p className="-mt-2 text-sm">
          <Link className={linkClass} href="/forgot-password">Ask for a new link</Link>
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <NewPasswordField id="password" label="New password" error={fields.password} note="Every other device is logged out." />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Saving…" : "Set new password and log in"}
      </button>
    </form>
  );
}
