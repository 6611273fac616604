import type { ReactNode } from "react";
import { TRPCReactProvider } from "./react";

/**
 * The layout of the pages that call the API from the browser (sign-up, dashboard, settings, trash, the editor):
 * tRPC + React Query (~29 kB gzip) are theirs, not the root layout's, so the home page and log-in load neither
 * (docs/decisions/083). A new page whose components use `api.*` hooks gets a `layout.tsx` re-exporting this one.
 * The query client is one per browser tab (src/trpc/react.tsx), so its cache survives moving between these pages.
 */
export default function ApiLayout({ children }: { children: ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
