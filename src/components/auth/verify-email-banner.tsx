"use client";

import { useSession } from "./session";
import { useEffect, useRef, useState } from "react";
import { toast } from "~/components/ui/toast";

/** What `POST /api/auth/email/resend` answers: `{message}` (202), or the one error shape. */
async function resend(): Promise<{ ok: boolean; message: string }> {
  try {
    const response = await fetch("/api/auth/email/resend", { method: "POST", credentials: "same-origin" });
    const body = (await response.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
    const message = body?.message ?? body?.error?.message ?? "Could not send a new link. Try again later.";
    return { ok: response.ok, message };
  } catch {
    return { ok: false, message: "Could not send a new link: you seem to be offline." };
  }
}

/**
 * "Verify your email — resend" under the header while the signed-in person's email is not verified (decisions 099,
 * 101). Loaded by VerifyEmailNotice only for such a person, so verified people's pages do not carry it.
 */
export default function VerifyEmailBanner() {
  const { data: session } = useSession();
  const [sending, setSending] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const user = session?.user as { email?: string | null; emailVerified?: boolean } | undefined;
  const shown = user?.emailVerified === false;

  // Full-height pages (the editor) are 100dvh minus the header; they subtract the banner's height too.
  useEffect(() => {
    const element = ref.current;
    if (!shown || !element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty("--verify-banner-h", `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--verify-banner-h");
    };
  }, [shown]);

  if (!user || !shown) return null;

  async function onResend() {
    setSending(true);
    const { ok, message } = await resend();
    setSending(false);
    if (ok) toast.success(message);
    else toast.error(message);
  }

  return (
    <div
      ref={ref}
      role="region"
      aria-label="Email verification"
      className="border-b border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950 sm:px-6 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100"
    >
      <p className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-2 gap-y-1">
        <span>
          <strong className="font-semibold">Verify your email</strong> — open the link we sent to {user.email} to keep more than a few
          workflows.
        </span>
        <button
          type="button"
          onClick={onResend}
          disabled={sending}
          className="inline-flex min-h-8 items-center rounded-md px-2 font-medium text-amber-900 underline underline-offset-4 hover:bg-amber-100 disabled:opacity-60 dark:text-amber-100 dark:hover:bg-amber-500/20"
        >
          {sending ? "Sending…" : "Resend the link"}
        </button>
      </p>
    </div>
  );
}
