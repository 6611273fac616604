import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "~/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password · Workflow Studio", referrer: "no-referrer" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const token = typeof params.token === "string" && params.token.length > 0 && params.token.length <= 128 ? params.token : null;
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Then you&apos;re logged in with it.</p>
      </div>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="text-sm">
          This link is incomplete: open the link from the email as it is, or{" "}
          <Link className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300" href="/forgot-password">
            ask for a new one
          </Link>
          .
        </p>
      )}
    </>
  );
}
