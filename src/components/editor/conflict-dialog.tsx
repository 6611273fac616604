"use client";

import { useEffect, useId, useRef } from "react";

export interface ConflictDialogProps {
  open: boolean;
  /** The server's version and update time, from the CONFLICT error's details. */
  updatedAt: string | null;
  busy: boolean;
  onReloadTheirs(): void;
  onOverwrite(): void;
  onSaveCopy(): void;
  /** Escape: keep editing, nothing changes. */
  onClose(): void;
}

const BUTTON =
  "inline-flex h-9 items-center justify-center rounded-md px-3.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-60";

/**
 * A save hit a newer version (409): the person chooses. Only "Reload theirs" replaces what they typed.
 * A native modal <dialog>: focus moves in and stays in, Escape closes it.
 */
export function ConflictDialog({ open, updatedAt, busy, onReloadTheirs, onOverwrite, onSaveCopy, onClose }: ConflictDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const when = updatedAt ? new Date(updatedAt) : null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 backdrop:backdrop-blur-[2px] dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex flex-col gap-4 p-6">
        <div className="flex items-start gap-3">
          <span
            aria-hidden="true"
            className="mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-amber-100 text-amber-700 dark:bg-amber-950 dark:text-amber-300"
          >
            !
          </span>
          <div className="flex flex-col gap-1.5">
            <h2 id={titleId} className="text-lg font-semibold">
              This workflow changed elsewhere
            </h2>
            <p id={bodyId} className="text-sm text-slate-600 dark:text-slate-300">
              Someone — perhaps you, in another tab — saved a newer version
              {when && !Number.isNaN(when.getTime()) ? ` at ${when.toLocaleTimeString()}` : ""}. Your changes are still
              here. Choose what to keep.
            </p>
          </div>
        </div>
        <ul className="flex flex-col gap-1 text-sm text-slate-600 dark:text-slate-300">
          <li>
            <strong className="font-semibold text-slate-800 dark:text-slate-100">Reload theirs</strong> replaces your
            changes with the saved version.
          </li>
          <li>
            <strong className="font-semibold text-slate-800 dark:text-slate-100">Overwrite</strong> saves yours over
            theirs.
          </li>
          <li>
            <strong className="font-semibold text-slate-800 dark:text-slate-100">Save as a copy</strong> keeps both.
          </li>
        </ul>
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <button
            type="button"
            disabled={busy}
            onClick={onReloadTheirs}
            className={`${BUTTON} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700`}
          >
            Reload theirs
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={onOverwrite}
            className={`${BUTTON} border border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-slate-800 dark:text-red-300 dark:hover:bg-red-950`}
          >
            Overwrite
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={onSaveCopy}
            autoFocus
            className={`${BUTTON} bg-indigo-600 text-white hover:bg-indigo-500 dark:bg-indigo-500 dark:hover:bg-indigo-400`}
          >
            Save as a copy
          </button>
        </div>
      </div>
    </dialog>
  );
}
