"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { AFTER_LOGIN_PATH, afterLoginPath } from "~/lib/validation/callback-path";
import { authSchemas } from "~/lib/validation/lazy-schemas";
import { LOAD_FAILED } from "~/lib/lazy";
import { signIn, SIGN_IN_NOT_LOADED, useNextAuthWarmUp } from "./next-auth-client";
import { useFormFeedback } from "./use-form-feedback";
import { buttonClass, Field, FormAlert } from "./field";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Invalid email or password.",
  TooManyRequests: "Too many attempts. Wait a while, then try again.",
  [SIGN_IN_NOT_LOADED]: LOAD_FAILED,
};

export function LoginForm({ callbackUrl, initialError }: { callbackUrl?: string; initialError?: string }) {
  const target = afterLoginPath(callbackUrl);
  // After a failed log-in, focus moves to the message, so keyboard and screen-reader users hear what went wrong.
  const alertRef = useRef<HTMLDivElement>(null);
  const { alert, fields, setAlert, validateLazily } = useFormFeedback(
    initialError ? (MESSAGES[initialError] ?? "Log-in failed. Try again.") : null,
    authSchemas,
  );
  const [pending, setPending] = useState(false);
  useNextAuthWarmUp();
  useEffect(() => {
    if (initialError) alertRef.current?.focus();
  }, [initialError]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = await validateLazily(async () => (await authSchemas()).loginInput, event.currentTarget, ["email", "password"]);
    if (!data) return;
    setPending(true);
    const result = await signIn("credentials", { ...data, redirect: false, callbackUrl: target });
    if (!result || result.error) {
      setPending(false);
      setAlert(MESSAGES[result?.error ?? ""] ?? "Log-in failed. Try again.");
      alertRef.current?.focus();
      return;
    }
    // A full load, not a client navigation: the router may hold a prefetch of the target made while signed out
    // (a redirect to /login), and every part of the page should start from the new session.
    window.location.assign(target);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert ref={alertRef} message={alert} />
      <Field id="email" name="email" label="Email" type="email" autoComplete="email" required error={fields.email} />
      <Field id="password" name="password" label="Password" type="password" autoComplete="current-password" required error={fields.password} />
      <p className="-mt-2 text-right text-sm">
        <Link className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300" href="/forgot-password">
          Forgot password?
        </Link>
      </p>
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Logging in…" : "Log in"}
      </button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        No account yet?{" "}
        <Link
          className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300"
          href={target === AFTER_LOGIN_PATH ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(target)}`}
        >
          Sign up
        </Link>
      </p>
    </form>
  );
}
