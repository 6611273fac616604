"use client";

/** "14:03" today, "Nov 28, 14:03" another day (the person's own clock). */
export function draftTime(savedAt: string, now: Date = new Date()): string {
  const when = new Date(savedAt);
  if (Number.isNaN(when.getTime())) return "earlier";
  const time = when.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  if (when.toDateString() === now.toDateString()) return time;
  return `${when.toLocaleDateString(undefined, { month: "short", day: "numeric" })}, ${time}`;
}

/** A saved workflow has unsaved changes kept on this device (a closed tab, a crash): bring them back or let them go. */
export function DraftOffer({ savedAt, onRestore, onDiscard }: { savedAt: string; onRestore(): void; onDiscard(): void }) {
  const time = draftTime(savedAt);
  return (
    <div
      role="region"
      aria-label="Unsaved changes on this device"
      data-testid="draft-offer"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-indigo-200 bg-indigo-50 px-4 py-2 text-sm text-indigo-950 dark:border-indigo-900/60 dark:bg-indigo-950/50 dark:text-indigo-100"
    >
      <p className="min-w-0 flex-1">This device kept changes you had not saved ({time}).</p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={onRestore}
          className="inline-flex min-h-9 items-center rounded-md bg-indigo-600 px-3 font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 pointer-coarse:min-h-11 dark:bg-indigo-500"
        >
          Restore unsaved changes ({time})
        </button>
        <button
          type="button"
          onClick={onDiscard}
          className="inline-flex min-h-9 items-center rounded-md border border-indigo-300 bg-white px-3 font-semibold text-indigo-900 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 pointer-coarse:min-h-11 dark:border-indigo-700 dark:bg-slate-900 dark:text-indigo-100"
        >
          Discard
        </button>
      </div>
    </div>
  );
}
