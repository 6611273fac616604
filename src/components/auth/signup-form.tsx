"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AFTER_LOGIN_PATH, afterLoginPath } from "~/lib/validation/callback-path";
import { authSchemas } from "~/lib/validation/lazy-schemas";
import { signIn, useNextAuthWarmUp } from "./next-auth-client";
import { useFormFeedback } from "./use-form-feedback";
import { api } from "~/trpc/react";
import { buttonClass, Field, FormAlert } from "./field";

export function SignupForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const target = afterLoginPath(callbackUrl);
  const { alert, fields, validateLazily, showServerError } = useFormFeedback(null, authSchemas);
  const register = api.auth.register.useMutation();
  const [signingIn, setSigningIn] = useState(false);
  useNextAuthWarmUp();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = await validateLazily(async () => (await authSchemas()).registerInput, event.currentTarget, ["email", "password"]);
    if (!data) return;
    try {
      await register.mutateAsync(data);
    } catch (error) {
      showServerError(error, "Sign-up failed. Try again.");
      return;
    }
    setSigningIn(true);
    const result = await signIn("credentials", { ...data, redirect: false, callbackUrl: target });
    if (!result || result.error) {
      setSigningIn(false);
      router.replace(`/login?callbackUrl=${encodeURIComponent(target)}`);
      return;
    }
    // A full load, not a client navigation: the router may hold a prefetch of the target made while signed out
    // (a redirect to /login), and every part of the page should start from the new session.
    window.location.assign(target);
  }

  const pending = register.isPending || signingIn;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={alert} />
      <Field id="email" name="email" label="Email" type="email" autoComplete="email" required error={fields.email} />
      <Field
        id="password"
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={128}
        error={fields.password}
        aria-describedby={fields.password ? "password-error password-hint" : "password-hint"}
      />
      <p id="password-hint" className="-mt-2 text-xs text-slate-500 dark:text-slate-400">
        8 to 128 characters; common passwords are refused. A passphrase is a good choice.
      </p>
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
