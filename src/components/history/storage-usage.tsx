"use client";

import { api } from "~/trpc/react";

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / MB).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;

/** The person's storage over workflows, their history and the trash, against the limit (docs/decisions/076). */
export function StorageUsage() {
  const storage = api.workflow.storage.useQuery();
  if (storage.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (storage.isError) return <p role="alert">Could not load your storage: {storage.error.message}</p>;
  const { usedBytes, limitBytes } = storage.data;
  const percent = Math.min(100, Math.round((usedBytes / limitBytes) * 100));
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm" data-testid="storage-usage">
        {megabytes(usedBytes)} of {megabytes(limitBytes)} used ({percent}%)
      </p>
      <div
        role="progressbar"
        aria-label="Storage used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-indigo-600" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
