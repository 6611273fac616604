import type { Metadata } from "next";
import { LoginForm } from "~/components/auth/login-form";
import { afterLoginPath } from "~/lib/validation/auth";

export const metadata: Metadata = { title: "Log in · Workflow Studio" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = afterLoginPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  const error = typeof params.error === "string" ? params.error : undefined;
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Log in</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Welcome back. Your workflows are waiting.</p>
      </div>
      {params.deleted === "1" ? (
        <p role="status" className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-800">
          Your account was deleted, with everything in it. We have sent a confirmation to its email address.
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} {...(error ? { initialError: error } : {})} />
    </>
  );
}
