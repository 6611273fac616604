"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { config as zodConfig } from "zod/v4/core";
import { TRPCReactProvider } from "~/trpc/react";

// The pages' CSP allows no eval (docs/decisions/042). zod probes for it (`new Function`) to compile object parsers,
// and the browser reports each probe as a violation: in the browser, zod parses without compiling. (The server,
// where this module also runs for server rendering, keeps the compiled parsers.)
if (typeof window !== "undefined") zodConfig({ jitless: true });

/** The client providers of the root layout: tRPC + React Query, and next-auth's session. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </SessionProvider>
  );
}
