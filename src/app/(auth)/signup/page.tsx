import type { Metadata } from "next";
import { SignupForm } from "~/components/auth/signup-form";
import { afterLoginPath } from "~/lib/validation/auth";

export const metadata: Metadata = { title: "Sign up · Workflow Studio" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignupPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = afterLoginPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Create your account</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Save your workflows and open them from any browser.</p>
      </div>
      <SignupForm callbackUrl={callbackUrl} />
    </>
  );
}
