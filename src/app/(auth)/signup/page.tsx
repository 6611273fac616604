import type { Metadata } from "next";
import { SignupForm } from "~/components/auth/signup-form";
import { safeCallbackPath } from "~/lib/validation/auth";

export const metadata: Metadata = { title: "Sign up · Workflow Studio" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignupPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Create your account</h1>
      <SignupForm callbackUrl={callbackUrl} />
    </>
  );
}
