"use client";

import { signOut } from "~/components/auth/next-auth-client";
import { useState } from "react";
import { toast } from "~/components/ui/toast";
import { absoluteTime, relativeTime } from "~/components/dashboard/format";
import { buttonClass } from "~/components/ui/button";
import { api, type RouterOutputs } from "~/trpc/react";

type Session = RouterOutputs["auth"]["sessions"][number];

/** A time as the browser's clock and time zone read it (the server's text is replaced on hydration). */
function When({ date, now }: { date: Date; now?: number }) {
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={absoluteTime(iso)} suppressHydrationWarning>
      {now !== undefined ? relativeTime(iso, now) : absoluteTime(iso)}
    </time>
  );
}

/**
 * Settings → Sessions: every live session of the person (browsers and API clients), the one in use marked "This
 * device", each with "Log out this session". Ending this device's session signs this browser out as well.
 */
export function SessionList({ initial }: { initial: Session[] }) {
  const utils = api.useUtils();
  const sessions = api.auth.sessions.useQuery(undefined, { initialData: initial });
  const [ending, setEnding] = useState<string | null>(null);
  const [now] = useState(() => Date.now());
  const end = api.auth.endSession.useMutation({
    onMutate: ({ sessionId }) => setEnding(sessionId),
    onSuccess: async ({ current }) => {
      if (current) {
        await signOut({ callbackUrl: "/login" });
        return;
      }
      toast.success("Session logged out", { description: "That device must log in again." });
      await utils.auth.sessions.invalidate();
    },
    onError: async (error) => {
      toast.error(`Could not log out that session: ${error.message || "try again."}`);
      await utils.auth.sessions.invalidate();
    },
    onSettled: () => setEnding(null),
  });

  const list = sessions.data ?? [];
  if (list.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No active sessions.</p>;
  return (
    <ul aria-label="Active sessions" className="flex flex-col divide-y divide-slate-200 dark:divide-slate-800">
      {list.map((session) => {
        const deviceId = `session-${session.id}-device`;
        return (
          <li key={session.id} className="flex flex-col gap-3 py-3 first:pt-0 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0">
              <p id={deviceId} className="flex flex-wrap items-center gap-2 font-medium text-slate-900 dark:text-slate-100">
                <span className="truncate">{session.device}</span>
                {session.kind === "api" ? (
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                    API client
                  </span>
                ) : null}
                {session.current ? (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300">
                    This device
                  </span>
                ) : null}
              </p>
              <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
                <span>{session.clientAddress}</span> · Signed in <When date={session.createdAt} /> · Last used{" "}
                <When date={session.lastUsedAt} now={sessions.dataUpdatedAt || now} />
              </p>
            </div>
            <button
              type="button"
              className={buttonClass("secondary", "sm", "shrink-0 self-start sm:self-auto")}
              aria-describedby={deviceId}
              disabled={ending !== null}
              onClick={() => end.mutate({ sessionId: session.id })}
            >
              {ending === session.id ? "Logging out…" : "Log out this session"}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
