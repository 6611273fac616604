"use client";

import { useEffect, useState, type FormEvent } from "react";
import { buttonClass } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { afterFirstLoad, LOAD_FAILED } from "~/lib/lazy";
import { workflowSchemas } from "~/lib/validation/lazy-schemas";

/** Asks for a new name; validates it with the same schema as the server. */
export function RenameDialog({
  name,
  open,
  pending,
  serverError,
  onCancel,
  onRename,
}: {
  name: string;
  open: boolean;
  pending: boolean;
  serverError: string | null;
  onCancel: () => void;
  onRename: (name: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  // The schema (and zod) is not in the dashboard's first load (docs/decisions/083): fetched once the page is idle.
  useEffect(() => afterFirstLoad(() => void workflowSchemas().catch(() => {})), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get("name") ?? "";
    let schemas: Awaited<ReturnType<typeof workflowSchemas>>;
    try {
      schemas = await workflowSchemas();
    } catch {
      setError(LOAD_FAILED);
      return;
    }
    const parsed = schemas.workflowName.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the name.");
      return;
    }
    setError(null);
    if (parsed.data === name) return onCancel();
    onRename(parsed.data);
  }

  const shown = error ?? serverError;
  return (
    <Dialog open={open} onClose={onCancel} title="Rename workflow">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="rename-name" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            New name
          </label>
          <input
            id="rename-name"
            name="name"
            defaultValue={name}
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            maxLength={200}
            aria-invalid={shown ? true : undefined}
            aria-describedby={shown ? "rename-error" : undefined}
            className="h-10 rounded-lg border border-slate-300 bg-white px-3 text-slate-900 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
          />
          <p id="rename-error" role="alert" className="min-h-5 text-sm text-red-700 dark:text-red-400">
            {shown}
          </p>
        </div>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className={buttonClass("primary")} disabled={pending}>
            {pending ? "Renaming…" : "Rename"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
