"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getQueryKey } from "@trpc/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { toast } from "~/components/ui/toast";
import { ImportButton } from "~/components/files/import-button";
import { undoDeleteToast } from "~/components/trash/undo-delete";
import { buttonClass } from "~/components/ui/button";
import { useEver } from "~/components/ui/use-ever";
import { useHydrated } from "~/components/ui/use-hydrated";
import { api } from "~/trpc/react";
import { onCardGridKeyDown } from "./card-keys";
import { dialectBadge } from "./format";
import { searchWords } from "./highlight";
import { type DashboardQuery, isFiltered, SEARCH_MAX_LENGTH, serverListInput } from "./list-input";
import { SearchControls } from "./search-controls";
import { useDashboardQuery } from "./use-dashboard-query";
import { WorkflowCard, WorkflowCardSkeleton, type WorkflowListItem } from "./workflow-card";

// Not in the first load: each dialog loads when first opened, then stays mounted (docs/decisions/083).
const RenameDialog = dynamic(() => import("./rename-dialog").then((m) => m.RenameDialog), { ssr: false });
const DeleteDialog = dynamic(() => import("./delete-dialog").then((m) => m.DeleteDialog), { ssr: false });
const TagsDialog = dynamic(() => import("./tags-dialog").then((m) => m.TagsDialog), { ssr: false });

/** The current time, renewed every minute so "updated 2 minutes ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Something went wrong. Try again.";
}

/** The page's own actions are 44 px tall on phones and touch screens (issue 14's touch targets). */
const TOUCH_SIZED = "max-sm:h-11 pointer-coarse:h-11";

const frameworkNames = (query: DashboardQuery) => query.fw.map((framework) => dialectBadge(framework).label).join(", ");

export function Dashboard() {
  const router = useRouter();
  const utils = api.useUtils();
  const now = useNow();
  const { query, navigate } = useDashboardQuery();
  const q = query.q;
  const searchRef = useRef<HTMLInputElement>(null);
  // The box shows what is typed; the URL (and so the list) follows 250 ms after the last keystroke.
  const [text, setText] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    // The URL changed without typing (Back, a link): the box follows it.
    setShownQ(q);
    setText(q);
  }
  useEffect(() => {
    const next = text.trim().slice(0, SEARCH_MAX_LENGTH);
    if (next === query.q) return;
    const timer = setTimeout(() => {
      setShownQ(next);
      navigate({ ...query, q: next }, "replace");
    }, 250);
    return () => clearTimeout(timer);
  }, [text, query, navigate]);
  const clearSearch = () => {
    setText("");
    setShownQ("");
    navigate({ ...query, q: "" }, "replace");
    searchRef.current?.focus();
  };

  const hydrated = useHydrated();
  const input = serverListInput(query);
  // tRPC's own useInfiniteQuery adds `direction` to the input, which the strict list schema refuses; so React
  // Query directly, under tRPC's key for this infinite query (the server's prefetch hydrates into it, and
  // `utils.workflow.list.invalidate()` reaches it).
  const list = useInfiniteQuery({
    queryKey: getQueryKey(api.workflow.list, input, "infinite"),
    queryFn: ({ pageParam, signal }) => utils.client.workflow.list.query(pageParam ? { ...input, cursor: pageParam } : input, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = list.isPlaceholderData || text.trim() !== q;
  const words = searchWords(q);

  const [renaming, setRenaming] = useState<WorkflowListItem | null>(null);
  const [deleting, setDeleting] = useState<WorkflowListItem | null>(null);
  const [tagging, setTagging] = useState<WorkflowListItem | null>(null);
  const renameWanted = useEver(renaming !== null);
  const deleteWanted = useEver(deleting !== null);
  const tagsWanted = useEver(tagging !== null);
  // The tags on live workflows, for the filter chips (docs/decisions/087).
  const tagList = api.workflow.tags.useQuery(undefined, { placeholderData: keepPreviousData });
  const setTags = api.workflow.setTags.useMutation({
    onSuccess: async () => {
      setTagging(null);
      await Promise.all([utils.workflow.list.invalidate(), utils.workflow.tags.invalidate()]);
    },
  });

  const rename = api.workflow.rename.useMutation({
    onSuccess: async (renamed) => {
      setRenaming(null);
      toast.success(`Renamed to “${renamed.name}”`);
      await utils.workflow.list.invalidate();
    },
  });
  const duplicate = api.workflow.duplicate.useMutation({
    onSuccess: async (copy) => {
      toast.success(`Duplicated as “${copy.name}”`, {
        action: { label: "Open", onClick: () => router.push(`/workflows/${copy.id}`) },
      });
      await utils.workflow.list.invalidate();
    },
    onError: (error) => toast.error(`Could not duplicate: ${messageOf(error)}`),
  });
  const restoreFromTrash = api.workflow.restoreFromTrash.useMutation({
    onSuccess: async () => {
      toast.success("Restored");
      await Promise.all([utils.workflow.list.invalidate(), utils.workflow.tags.invalidate()]);
    },
    onError: (error) => toast.error(`Could not restore: ${messageOf(error)}`),
  });
  const remove = api.workflow.delete.useMutation({
    onSuccess: async (_result, variables) => {
      const name = deleting?.id === variables.id ? deleting.name : "the workflow";
      setDeleting(null);
      undoDeleteToast(name, () => restoreFromTrash.mutate({ id: variables.id }));
      utils.workflow.graph.setData({ id: variables.id }, undefined);
      await Promise.all([utils.workflow.list.invalidate(), utils.workflow.tags.invalidate()]);
    },
    onError: (error) => {
      setDeleting(null);
      toast.error(`Could not delete: ${messageOf(error)}`);
    },
  });

  const actions = {
    onRename: (item: WorkflowListItem) => {
      rename.reset();
      setRenaming(item);
    },
    onDuplicate: (item: WorkflowListItem) => duplicate.mutate({ id: item.id }),
    onDelete: (item: WorkflowListItem) => setDeleting(item),
    onTags: (item: WorkflowListItem) => {
      setTags.reset();
      setTagging(item);
    },
    disabled: !hydrated || duplicate.isPending,
  };

  // A field error (a name the server refuses) stays in the dialog; anything else is a toast.
  const renameError = rename.error?.data?.code === "BAD_REQUEST" ? rename.error.message : null;
  useEffect(() => {
    if (rename.error && rename.error.data?.code !== "BAD_REQUEST") toast.error(`Could not rename: ${messageOf(rename.error)}`);
  }, [rename.error]);

  const filtered = isFiltered(query);
  const nothingYet = !list.isPending && !list.isError && items.length === 0 && !filtered;
  const noMatch = !list.isPending && !list.isError && items.length === 0 && filtered;

  return (
    <main className="mx-auto flex w-full max-w-7xl flex-col gap-6 px-4 py-8 sm:px-6 lg:py-10">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Your workflows</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Open one to edit its code and see its graph redrawn.</p>
        </div>
        <div className="flex flex-wrap gap-2">
        <Link href="/trash" className={buttonClass("secondary", "md", TOUCH_SIZED)}>
          Trash
        </Link>
        <ImportButton acceptDrops className={buttonClass("secondary", "md", TOUCH_SIZED)} onImported={() => void Promise.all([utils.workflow.list.invalidate(), utils.workflow.tags.invalidate()])} />
        {/* Streamed by the server (docs/decisions/088); the session cookie signs the download. */}
        <a href="/api/workflows/export.zip" download className={buttonClass("secondary", "md", TOUCH_SIZED)}>
          Export all (.zip)
        </a>
        <Link href="/editor" className={buttonClass("primary", "md", TOUCH_SIZED)}>
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
            <path fill="currentColor" d="M10 4a1 1 0 0 1 1 1v4h4a1 1 0 1 1 0 2h-4v4a1 1 0 1 1-2 0v-4H5a1 1 0 1 1 0-2h4V5a1 1 0 0 1 1-1Z" />
          </svg>
          New workflow
        </Link>
        </div>
      </div>

      <SearchControls
        inputRef={searchRef}
        text={text}
        onText={setText}
        query={query}
        onFrameworks={(fw) => navigate({ ...query, fw }, "push")}
        available={tagList.data?.items ?? []}
        onTags={(tags) => navigate({ ...query, tags }, "push")}
        onSort={(sort) => navigate({ ...query, sort }, "push")}
        hidden={nothingYet}
      />

      <p aria-live="polite" className="sr-only">
        {list.isPending
          ? "Loading workflows"
          : searching
            ? "Searching"
            : filtered
              ? `${items.length}${list.hasNextPage ? " or more" : ""} matching workflows`
              : ""}
      </p>

      {list.isError && !list.data ? (
        <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-sm text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-200">
          <p className="font-medium">Your workflows could not be loaded.</p>
          <p className="mt-1">{messageOf(list.error)}</p>
          <button type="button" className={buttonClass("secondary", "sm", "mt-4")} onClick={() => void list.refetch()}>
            Try again
          </button>
        </div>
      ) : nothingYet ? (
        <EmptyState />
      ) : noMatch ? (
        <NoMatch
          query={query}
          onClearSearch={clearSearch}
          onAllFrameworks={() => navigate({ ...query, fw: [] }, "push")}
          onAllTags={() => navigate({ ...query, tags: [] }, "push")}
        />
      ) : (
        <ul
          aria-label="Workflows"
          onKeyDown={onCardGridKeyDown}
          aria-busy={list.isPending || searching}
          className={`grid grid-cols-1 gap-4 transition-opacity sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4 ${searching ? "opacity-60" : ""}`}
        >
          {list.isPending
            ? Array.from({ length: 8 }, (_, index) => <WorkflowCardSkeleton key={index} />)
            : items.map((item) => <WorkflowCard key={item.id} item={item} now={now} actions={actions} words={words} />)}
          {list.isFetchingNextPage ? Array.from({ length: 4 }, (_, index) => <WorkflowCardSkeleton key={`more-${index}`} />) : null}
        </ul>
      )}

      {list.hasNextPage ? (
        <div className="flex justify-center">
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => void list.fetchNextPage()}
            disabled={!hydrated || list.isFetchingNextPage}
          >
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}

      {renameWanted ? (
        <RenameDialog
          key={renaming?.id ?? "none"}
          open={renaming !== null}
          name={renaming?.name ?? ""}
          pending={rename.isPending}
          serverError={renameError}
          onCancel={() => setRenaming(null)}
          onRename={(name) => renaming && rename.mutate({ id: renaming.id, name })}
        />
      ) : null}
      {deleteWanted ? (
        <DeleteDialog
          open={deleting !== null}
          name={deleting?.name ?? ""}
          pending={remove.isPending}
          onCancel={() => setDeleting(null)}
          onDelete={() => deleting && remove.mutate({ id: deleting.id })}
        />
      ) : null}
      {tagsWanted ? (
        <TagsDialog
          key={tagging ? `tags-${tagging.id}` : "tags-none"}
          open={tagging !== null}
          name={tagging?.name ?? ""}
          tags={tagging?.tags ?? []}
          pending={setTags.isPending}
          serverError={setTags.error ? messageOf(setTags.error) : null}
          onCancel={() => setTagging(null)}
          onSave={(tags) => tagging && setTags.mutate({ id: tagging.id, tags })}
        />
      ) : null}
    </main>
  );
}

function EmptyState() {
  return (
    <div className="flex flex-col items-center rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center dark:border-slate-700 dark:bg-slate-900/40">
      <svg aria-hidden="true" viewBox="0 0 64 48" className="h-16 w-20 text-indigo-500">
        <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <rect x="4" y="4" width="20" height="10" rx="3" />
          <rect x="40" y="4" width="20" height="10" rx="3" />
          <rect x="22" y="34" width="20" height="10" rx="3" className="text-violet-500" stroke="currentColor" />
          <path d="M14 14v6a4 4 0 0 0 4 4h10a4 4 0 0 1 4 4v6M50 14v6a4 4 0 0 1-4 4H36a4 4 0 0 0-4 4" strokeOpacity=".6" />
        </g>
      </svg>
      <h2 className="mt-4 text-lg font-semibold">No workflows yet</h2>
      <p className="mt-1 max-w-md text-sm text-slate-600 dark:text-slate-400">
        Start from one of the examples — LangGraph, Airflow, Prefect, Dagster and more — or write your own script and save it
        here.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Link href="/#examples" className={buttonClass("primary")}>
          Browse the examples
        </Link>
        <Link href="/editor" className={buttonClass("secondary")}>
          Start from scratch
        </Link>
      </div>
    </div>
  );
}

/** No card for the query: say what was looked for, and what to try. */
function NoMatch({
  query,
  onClearSearch,
  onAllFrameworks,
  onAllTags,
}: {
  query: DashboardQuery;
  onClearSearch: () => void;
  onAllFrameworks: () => void;
  onAllTags: () => void;
}) {
  const frameworks = frameworkNames(query);
  const tagged = query.tags.length ? ` tagged ${query.tags.map((tag) => `“${tag}”`).join(" and ")}` : "";
  return (
    <div className="rounded-xl border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700">
      <p className="font-medium">
        {query.q ? `No workflows${tagged} match “${query.q}”.` : `No ${frameworks ? `${frameworks} ` : ""}workflows${tagged} yet.`}
      </p>
      {query.q && query.fw.length ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Only {frameworks} workflows were searched.</p> : null}
      {query.q ? (
        <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
          The search looks at names, frameworks (try “airflow” or “langgraph”) and the code itself — try a shorter word, a
          function or task name, or check the spelling.
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap justify-center gap-3">
        {query.q ? (
          <button type="button" className={buttonClass("secondary", "sm", "h-11 sm:h-8")} onClick={onClearSearch}>
            Clear the search
          </button>
        ) : null}
        {query.fw.length ? (
          <button type="button" className={buttonClass("secondary", "sm", "h-11 sm:h-8")} onClick={onAllFrameworks}>
            Show all frameworks
          </button>
        ) : null}
        {query.tags.length ? (
          <button type="button" className={buttonClass("secondary", "sm", "h-11 sm:h-8")} onClick={onAllTags}>
            Show all tags
          </button>
        ) : null}
      </div>
    </div>
  );
}
