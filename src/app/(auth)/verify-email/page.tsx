import type { Metadata } from "next";
import Link from "next/link";
import { VerifyEmailForm } from "~/components/auth/verify-email-form";

export const metadata: Metadata = { title: "Verify your email · Workflow Studio", referrer: "no-referrer" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The page a verification mail links to (docs/decisions/100): opening it changes nothing; the button verifies. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const token = typeof params.token === "string" && params.token.length > 0 && params.token.length <= 128 ? params.token : null;
  return (
    <>
      <div className="flex flex-col gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Verify your email</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Confirm that the address you signed up with is yours.</p>
      </div>
      {token ? (
        <VerifyEmailForm token={token} />
      ) : (
        <p role="alert" className="text-sm">
          This link is incomplete: open the link from the email as it is, or{" "}
          <Link className="font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300" href="/login">
            log in
          </Link>{" "}
          and ask for a new one.
        </p>
      )}
    </>
  );
}
