import type { Metadata } from "next";
import { LoginForm } from "~/components/auth/login-form";
import { safeCallbackPath } from "~/lib/validation/auth";

export const metadata: Metadata = { title: "Log in · Workflow Studio" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  const error = typeof params.error === "string" ? params.error : undefined;
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Log in</h1>
      <LoginForm callbackUrl={callbackUrl} {...(error ? { initialError: error } : {})} />
    </>
  );
}
