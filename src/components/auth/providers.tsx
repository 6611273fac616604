"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { zodWithoutEval } from "~/lib/validation/zod-without-eval";
import { TRPCReactProvider } from "~/trpc/react";

// In the browser zod parses without eval, which the pages' CSP forbids (decision 042). The server, where this module
// also runs for server rendering, keeps zod's compiled parsers.
if (typeof window !== "undefined") zodWithoutEval();

/** The client providers of the root layout: tRPC + React Query, and next-auth's session. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </SessionProvider>
  );
}
