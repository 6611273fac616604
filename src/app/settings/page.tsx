import type { Metadata } from "next";
import type { ReactNode } from "react";
import { StorageUsage } from "~/components/history/storage-usage";
import { buttonClass } from "~/components/ui/button";
import { ChangePasswordForm } from "~/components/settings/change-password-form";
import { DeleteAccount } from "~/components/settings/delete-account";
import { LogoutEverywhere } from "~/components/settings/logout-everywhere";
import { SessionList } from "~/components/settings/session-list";
import { SharedLinksSettings } from "~/components/share/shared-links-settings";
import { requireUser } from "~/server/auth/server-user";
import { listSessions } from "~/server/auth/session-list";
import { getDatabase } from "~/server/db/client";

export const metadata: Metadata = { title: "Settings · Workflow Studio" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const sessions = await listSessions(await getDatabase(), user);
  return (
    <main className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 py-8 sm:px-6 lg:py-10">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Settings</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Signed in as <span className="font-medium text-slate-900 dark:text-slate-100">{user.email}</span>
        </p>
      </div>
      <Section title="Storage" description="The code of your workflows, their history, the trash and versions pinned by share links count toward it.">
        <StorageUsage />
      </Section>
      <Section
        title="Shared links"
        description="Read-only links to your workflows. Anyone holding one can open it until it expires or you revoke it."
      >
        <SharedLinksSettings />
      </Section>
      <Section title="Change password" description="Use a passphrase you do not use anywhere else.">
        <ChangePasswordForm email={user.email} />
      </Section>
      <Section
        title="Sessions"
        description="Where your account is signed in. Lost a device, or signed in on a shared computer? Log that session out, or every session at once, this one included."
      >
        <div className="flex flex-col gap-5">
          <SessionList initial={sessions} />
          <div className="border-t border-slate-200 pt-4 dark:border-slate-800">
            <LogoutEverywhere />
          </div>
        </div>
      </Section>
      <Section
        title="Your data"
        description="Everything we keep about you, as one .zip: your profile, every workflow (the trash too) with all its versions and tags, the .py files, and the security events about your account."
      >
        <a href="/api/me/export.zip" download className={buttonClass("secondary")}>
          Download my data (.zip)
        </a>
      </Section>
      <Section
        title="Delete account"
        description="Deletes your account, your workflows and their history, your share links and every session, for good. You will be asked for your password."
      >
        <DeleteAccount />
      </Section>
    </main>
  );
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={`${title}-heading`.replace(/\s+/g, "-").toLowerCase()}
      className="grid gap-6 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm md:grid-cols-[14rem_1fr] dark:border-slate-800 dark:bg-slate-900"
    >
      <div>
        <h2 id={`${title}-heading`.replace(/\s+/g, "-").toLowerCase()} className="font-semibold">
          {title}
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>
      </div>
      <div className="min-w-0">{children}</div>
    </section>
  );
}
