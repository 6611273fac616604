import { WorkflowCardSkeleton } from "~/components/dashboard/workflow-card-skeleton";

/** While the dashboard's server part runs (navigation from another page): the same frame, cards as skeletons. */
export default function DashboardLoading() {
  return (
    <main aria-busy="true" className="mx-auto flex w-full max-w-7xl flex-col gap-6 px-4 py-8 sm:px-6 lg:py-10">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Your workflows</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Open one to edit its code and see its graph redrawn.</p>
      </div>
      <div aria-hidden="true" className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="h-[3.875rem] flex-1 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-900" />
        <div className="h-[3.875rem] animate-pulse rounded-lg bg-slate-100 sm:w-48 dark:bg-slate-900" />
      </div>
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {Array.from({ length: 8 }, (_, index) => (
          <WorkflowCardSkeleton key={index} />
        ))}
      </ul>
    </main>
  );
}
