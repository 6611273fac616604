import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "~/components/auth/forgot-password-form";
import { getConfig } from "~/server/config";
import { MAIL_NOT_CONFIGURED, mailMode } from "~/server/mail/mode";

export const metadata: Metadata = { title: "Forgot password · Workflow Studio" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  const mailOff = mailMode(getConfig()) === "off";
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Forgot password?</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Enter your account&apos;s email and we&apos;ll send you a link to choose a new password.
        </p>
      </div>
      {mailOff ? (
        <div className="flex flex-col gap-4">
          <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            {MAIL_NOT_CONFIGURED}
          </p>
          <p className="text-center text-sm">
            <Link className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300" href="/login">
              Back to log in
            </Link>
          </p>
        </div>
      ) : (
        <ForgotPasswordForm />
      )}
    </>
  );
}
