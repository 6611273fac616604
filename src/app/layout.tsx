import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Toaster } from "~/components/ui/toaster";
import { AppProviders } from "~/components/auth/providers";
import { VerifyEmailNotice } from "~/components/auth/verify-email-notice";
import { AppHeader } from "~/components/layout/app-header";
import "./globals.css";

export const metadata: Metadata = {
  title: "Workflow Studio",
  description: "Write a Python workflow script and see it drawn as a graph as you type.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

/**
 * Every page: the header (56 px, h-14), then the page in #content — a flex column that fills the rest of the
 * viewport, so a page can be `flex-1` (or `h-[calc(100dvh-3.5rem)]`) to take exactly the space left. While the
 * "Verify your email" banner shows it sets `--verify-banner-h` to its height; full-height pages subtract it too.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so Next.js can put the proxy's per-request CSP nonce on its scripts
  // (src/proxy.ts, docs/decisions/042); a page prerendered at build time would carry none and be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col font-sans">
        <AppProviders>
          <AppHeader />
          <VerifyEmailNotice />
          <div id="content" tabIndex={-1} className="flex min-h-0 flex-1 flex-col outline-none">
            {children}
          </div>
          <Toaster position="bottom-right" theme="system" richColors closeButton />
        </AppProviders>
      </body>
    </html>
  );
}
