"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AFTER_LOGIN_PATH, afterLoginPath } from "~/lib/validation/callback-path";
import { authSchemas } from "~/lib/validation/lazy-schemas";
import { signIn, useNextAuthWarmUp } from "./next-auth-client";
import { useFormFeedback } from "./use-form-feedback";
import { api } from "~/trpc/react";
import { buttonClass, Field, FormAlert, NewPasswordField } from "./field";

export function SignupForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const target = afterLoginPath(callbackUrl);
  const { alert, fields, validateLazily, showServerError } = useFormFeedback(null, authSchemas);
  const register = api.auth.register.useMutation();
  const [signingIn, setSigningIn] = useState(false);
  useNextAuthWarmUp();
  const [checkEmail, setCheckEmail] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = await validateLazily(async () => (await authSchemas()).registerInput, event.currentTarget, ["email", "password"]);
    if (!data) return;
    let message: string;
    try {
      message = (await register.mutateAsync(data)).message;
    } catch (error) {
      showServerError(error, "Sign-up failed. Try again.");
      return;
    }
    // The answer is the same whether or not the email was taken (decision 099). A new account logs in at once,
    // unverified; otherwise the log-in fails and the mail that went to the address says what to do.
    setSigningIn(true);
    const result = await signIn("credentials", { ...data, redirect: false, callbackUrl: target });
    if (!result || result.error) {
      setSigningIn(false);
      if (result?.error === "CredentialsSignin") setCheckEmail(message);
      else router.replace(`/login?callbackUrl=${encodeURIComponent(target)}`);
      return;
    }
    // A full load, not a client navigation: the router may hold a prefetch of the target made while signed out
    // (a redirect to /login), and every part of the page should start from the new session.
    window.location.assign(target);
  }

  const pending = register.isPending || signingIn;
  if (checkEmail) {
    return (
      <div role="status" className="flex flex-col gap-3 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-950 dark:border-indigo-500/30 dark:bg-indigo-500/10 dark:text-indigo-100">
        <p className="font-medium">{checkEmail}.</p>
        <p>We have sent a message to the address you gave. If you already have an account, it tells you how to log in.</p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={alert} />
      <Field id="email" name="email" label="Email" type="email" autoComplete="email" required error={fields.email} />
      <NewPasswordField id="password" label="Password" error={fields.password} note="A passphrase is a good choice." />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating your account…" : "Sign up"}
      </button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{" "}
        <Link
          className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300"
          href={target === AFTER_LOGIN_PATH ? "/login" : `/login?callbackUrl=${encodeURIComponent(target)}`}
        >
          Log in
        </Link>
      </p>
    </form>
  );
}
