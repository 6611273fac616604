"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { forgotPasswordInput } from "~/lib/validation/auth";
import { api } from "~/trpc/react";
import { buttonClass, Field, FormAlert } from "./field";
import { useFormFeedback } from "./use-form-feedback";

const linkClass = "font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300";

/** "Forgot password?": asks for the email; the answer is the same whether or not an account uses it. */
export function ForgotPasswordForm() {
  const { alert, fields, validate, showServerError } = useFormFeedback();
  const alertRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const forgot = api.auth.forgotPassword.useMutation();
  const [sent, setSent] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = validate(forgotPasswordInput, event.currentTarget, ["email"]);
    if (!data) return;
    try {
      const result = await forgot.mutateAsync(data);
      setSent(result.message);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (error) {
      showServerError(error, "Could not send the email. Try again.");
      alertRef.current?.focus();
    }
  }

  if (sent) {
    return (
      <div className="flex flex-col gap-4">
        <p ref={doneRef} tabIndex={-1} role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          {sent}
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Nothing after a few minutes? Check your spam folder, or <button type="button" className={linkClass} onClick={() => setSent(null)}>try again</button>.
        </p>
        <p className="text-center text-sm">
          <Link className={linkClass} href="/login">Back to log in</Link>
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormAlert ref={alertRef} message={alert} />
      <Field id="email" name="email" label="Email" type="email" autoComplete="email" required error={fields.email} />
      <button type="submit" className={buttonClass} disabled={forgot.isPending}>
        {forgot.isPending ? "Sending…" : "Send me a reset link"}
      </button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        Remembered it? <Link className={linkClass} href="/login">Log in</Link>
      </p>
    </form>
  );
}
