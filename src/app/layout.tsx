import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppProviders } from "~/components/auth/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Workflow Studio",
  description: "Write a Python workflow script and see it drawn as a graph as you type.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <AppProviders>{children}</AppProviders>
      </body>
    </html>
  );
}
