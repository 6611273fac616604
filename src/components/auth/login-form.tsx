"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { loginInput, safeCallbackPath } from "~/lib/validation/auth";
import { useFormFeedback } from "./use-form-feedback";
import { buttonClass, Field, FormAlert } from "./field";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Invalid email or password.",
  TooManyRequests: "Too many attempts. Wait a while, then try again.",
};

export function LoginForm({ callbackUrl, initialError }: { callbackUrl?: string; initialError?: string }) {
  const router = useRouter();
  const target = safeCallbackPath(callbackUrl, "/");
  const { alert, fields, setAlert, validate } = useFormFeedback(
    initialError ? (MESSAGES[initialError] ?? "Log-in failed. Try again.") : null,
  );
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = validate(loginInput, event.currentTarget, ["email", "password"]);
    if (!data) return;
    setPending(true);
    const result = await signIn("credentials", { ...data, redirect: false, callbackUrl: target });
    setPending(false);
    if (!result || result.error) {
      setAlert(MESSAGES[result?.error ?? ""] ?? "Log-in failed. Try again.");
      return;
    }
    router.replace(target);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert message={alert} />
      <Field id="email" name="email" label="Email" type="email" autoComplete="email" required error={fields.email} />
      <Field id="password" name="password" label="Password" type="password" autoComplete="current-password" required error={fields.password} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Logging in…" : "Log in"}
      </button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        No account yet?{" "}
        <Link
          className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300"
          href={target === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(target)}`}
        >
          Sign up
        </Link>
      </p>
    </form>
  );
}
