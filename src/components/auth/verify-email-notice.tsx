"use client";

import dynamic from "next/dynamic";
import { useSession } from "./session";

// The banner's code loads only when someone unverified is signed in (first-load budgets, decision 083).
const VerifyEmailBanner = dynamic(() => import("./verify-email-banner"), { ssr: false });

/** Under the header of every page: the "Verify your email" banner while the session says the email is unverified. */
export function VerifyEmailNotice() {
  const { data: session } = useSession();
  const unverified = (session?.user as { emailVerified?: boolean } | undefined)?.emailVerified === false;
  return unverified ? <VerifyEmailBanner /> : null;
}
