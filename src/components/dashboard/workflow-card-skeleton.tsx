/** A card's shape while the list loads: the dashboard, and its loading screen (a server component). */
export function WorkflowCardSkeleton() {
  return (
    <li aria-hidden="true">
      <div className="flex h-full flex-col overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="aspect-[16/10] animate-pulse border-b border-slate-200 bg-slate-100 dark:border-slate-800 dark:bg-slate-800/60" />
        <div className="flex flex-col gap-3 p-4">
          <span className="h-5 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
          <span className="h-4 w-5/6 animate-pulse rounded bg-slate-100 dark:bg-slate-800/70" />
          <span className="mt-1 h-8 w-full animate-pulse rounded bg-slate-100 dark:bg-slate-800/50" />
        </div>
      </div>
    </li>
  );
}
