import type { InputHTMLAttributes, Ref } from "react";
import { buttonClass as uiButtonClass } from "~/components/ui/button";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/lib/validation/password-rules";

/** A labelled input with its error, announced to assistive technology (aria-describedby + aria-invalid). */
export function Field({
  id,
  label,
  error,
  ...input
}: { id: string; label: string; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="h-10 rounded-lg border border-slate-300 bg-white px-3 text-slate-900 shadow-sm outline-none placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-600 aria-[invalid=true]:focus:ring-red-500/30 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
        {...input}
      />
      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A new password's field (sign-up, reset, change) with the policy's hint under it: the limits come from the one
 * policy (password-rules.ts); `note` says what happens on this form.
 */
export function NewPasswordField({
  id,
  label,
  error,
  note,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  note: string;
}) {
  const hintId = `${id}-hint`;
  return (
    <>
      <Field
        id={id}
        name={id}
        label={label}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        error={error}
        aria-describedby={error ? `${id}-error ${hintId}` : hintId}
      />
      <p id={hintId} className="-mt-2 text-xs text-slate-500 dark:text-slate-400">
        {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters; common passwords are refused. {note}
      </p>
    </>
  );
}

/**
 * The form's summary message; the live region is always in the page so screen readers announce changes. It can
 * take focus (tabIndex -1), so a form can move focus to it after a failed submit.
 */
export function FormAlert({ message, ref }: { message: string | null; ref?: Ref<HTMLDivElement> }) {
  return (
    <div
      ref={ref}
      role="alert"
      aria-live="assertive"
      tabIndex={-1}
      className={`rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-red-500/60 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-slate-950 ${message ? "" : "sr-only"}`}
    >
      {message ? (
        <p className="flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-200">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0">
            <path
              fill="currentColor"
              d="M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 4a1 1 0 0 0-1 1v3.5a1 1 0 1 0 2 0V7a1 1 0 0 0-1-1Zm0 8.5a1.1 1.1 0 1 0 0-2.2 1.1 1.1 0 0 0 0 2.2Z"
            />
          </svg>
          <span>{message}</span>
        </p>
      ) : null}
    </div>
  );
}

/** The forms' full-width submit button. */
export const buttonClass = uiButtonClass("primary", "md", "w-full");
