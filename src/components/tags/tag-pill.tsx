"use client";

/** One tag as a small pill (cards, the editor); `onRemove` adds a remove button. Apart from ./tag-input.tsx so the
 * dashboard's cards show tags without loading the tag editor. */
export function TagPill({ tag, onRemove, disabled }: { tag: string; onRemove?: () => void; disabled?: boolean }) {
  return (
    <span className="inline-flex max-w-full items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">
      <span className="truncate">{tag}</span>
      {onRemove ? (
        <button
          type="button"
          onClick={onRemove}
          disabled={disabled}
          aria-label={`Remove tag ${tag}`}
          className="inline-flex size-5 items-center justify-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-900 disabled:opacity-50 pointer-coarse:size-8 dark:hover:bg-slate-700 dark:hover:text-white"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3">
            <path fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" d="m5 5 10 10M15 5 5 15" />
          </svg>
        </button>
      ) : null}
    </span>
  );
}
