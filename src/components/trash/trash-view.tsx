"use client";

import Link from "next/link";
import { toast } from "~/components/ui/toast";
import { buttonClass } from "~/components/ui/button";
import { api } from "~/trpc/react";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** The person's trash: each deleted workflow with "Restore" and "Delete forever" (docs/decisions/077). */
export function TrashView() {
  const utils = api.useUtils();
  const trash = api.workflow.trash.useQuery({ limit: 100 });
  const refresh = async () => {
    await Promise.all([utils.workflow.trash.invalidate(), utils.workflow.list.invalidate()]);
  };
  const restore = api.workflow.restoreFromTrash.useMutation({
    onSuccess: async () => {
      toast.success("Restored");
      await refresh();
    },
    onError: (error) => toast.error(`Could not restore: ${error.message}`),
  });
  const purge = api.workflow.deleteForever.useMutation({
    onSuccess: async () => {
      toast.success("Deleted for good");
      await refresh();
    },
    onError: (error) => toast.error(`Could not delete: ${error.message}`),
  });
  const items = trash.data?.items ?? [];

  return (
    <main className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-8 sm:px-6 lg:py-10">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Trash</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Deleted workflows stay here for {trash.data?.retentionDays ?? 30} days, then they are deleted for good.
          </p>
        </div>
        <Link href="/dashboard" className={buttonClass("secondary")}>
          Back to your workflows
        </Link>
      </div>
      {trash.isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {trash.isError ? <p role="alert">Could not load the trash: {trash.error.message}</p> : null}
      {!trash.isPending && items.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">The trash is empty.</p> : null}
      <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="trash-item">
            <div className="min-w-0">
              <p className="truncate font-medium">{item.name}</p>
              <p className="text-xs text-slate-500">
                Deleted {dateFormat.format(new Date(item.deletedAt))} · deleted for good {dateFormat.format(new Date(item.purgeAt))}
              </p>
            </div>
            <div className="flex gap-2">
              <button
                type="button"
                className={buttonClass("secondary")}
                disabled={restore.isPending || purge.isPending}
                onClick={() => restore.mutate({ id: item.id })}
              >
                Restore
              </button>
              <button
                type="button"
                className={buttonClass("danger")}
                disabled={restore.isPending || purge.isPending}
                onClick={() => {
                  if (window.confirm(`Delete “${item.name}” and its history for good? This cannot be undone.`)) purge.mutate({ id: item.id });
                }}
              >
                Delete forever
              </button>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
