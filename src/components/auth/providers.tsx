"use client";

import { SessionProvider } from "./session";
import type { ReactNode } from "react";
import { zodWithoutEval } from "~/lib/validation/zod-without-eval";

// In the browser zod parses without eval, which the pages' CSP forbids (decision 042). The server, where this module
// also runs for server rendering, keeps zod's compiled parsers.
if (typeof window !== "undefined") zodWithoutEval();

/**
 * The client providers of the root layout: who is signed in (./session.tsx; the header shows it). tRPC + React
 * Query are provided by the layouts of the pages that use them (src/trpc/api-layout.tsx, docs/decisions/083).
 */
export function AppProviders({ children }: { children: ReactNode }) {
  return <SessionProvider>{children}</SessionProvider>;
}
