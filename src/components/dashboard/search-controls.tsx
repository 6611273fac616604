"use client";

import { useEffect, useId, type ReactNode, type RefObject } from "react";
import { dialectBadge } from "./format";
import { type DashboardQuery, type Framework, FRAMEWORKS, SEARCH_MAX_LENGTH, SORT_LABELS, SORT_ORDERS, type SortOrder } from "./list-input";

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  text: string;
  onText: (text: string) => void;
  query: DashboardQuery;
  onFrameworks: (frameworks: Framework[]) => void;
  /** The tags on the person's live workflows (for the tag chips), and a change of the tag filter. */
  available: readonly { tag: string; count: number }[];
  onTags: (tags: string[]) => void;
  onSort: (sort: SortOrder) => void;
  hidden: boolean;
}

/**
 * One search box (name, framework and code), framework filter chips (toggle buttons) and the sort menu. `/`
 * anywhere on the page, outside a field, focuses the search box.
 */
export function SearchControls({ inputRef, text, onText, query, onFrameworks, available, onTags, onSort, hidden }: Props) {
  const searchId = useId();
  const sortId = useId();
  const hintId = useId();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true'], dialog[open]")) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [inputRef]);

  const toggle = (framework: Framework) =>
    onFrameworks(query.fw.includes(framework) ? query.fw.filter((f) => f !== framework) : [...query.fw, framework]);
  const toggleTag = (tag: string) => onTags(query.tags.includes(tag) ? query.tags.filter((t) => t !== tag) : [...query.tags, tag]);
  // A tag in the URL stays offered (to switch it off) even when no live workflow carries it any more.
  const tagChips = [...available.map((entry) => entry.tag), ...query.tags.filter((tag) => !available.some((entry) => entry.tag === tag))];

  return (
    <div role="search" hidden={hidden} className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <label htmlFor={searchId} className="text-sm font-medium text-slate-700 dark:text-slate-300">
            Search workflows
          </label>
          <div className="relative">
            <svg aria-hidden="true" viewBox="0 0 20 20" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500">
              <path fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" d="m13.5 13.5 3.5 3.5M15 9A6 6 0 1 1 3 9a6 6 0 0 1 12 0Z" />
            </svg>
            <input
              ref={inputRef}
              id={searchId}
              type="search"
              value={text}
              onChange={(event) => onText(event.target.value)}
              placeholder="Name, framework or a word in the code"
              maxLength={SEARCH_MAX_LENGTH}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={hintId}
              className="h-11 w-full rounded-lg border border-slate-300 bg-white pr-10 pl-9 text-base text-slate-900 shadow-sm outline-none placeholder:text-slate-500 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 sm:h-10 sm:text-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
            />
            {/* A keyboard hint only where there is a keyboard (not on touch screens). */}
            <kbd
              aria-hidden="true"
              className="pointer-events-none absolute top-1/2 right-3 hidden -translate-y-1/2 rounded border border-slate-300 px-1.5 font-sans text-xs text-slate-500 [@media(hover:hover)_and_(pointer:fine)]:sm:block dark:border-slate-600 dark:text-slate-400"
            >
              /
            </kbd>
          </div>
          <p id={hintId} className="sr-only">
            Searches names, frameworks and code. Press slash to come back here.
          </p>
        </div>
        <div className="flex flex-col gap-1.5 sm:w-48">
          <label htmlFor={sortId} className="text-sm font-medium text-slate-700 dark:text-slate-300">
            Sort by
          </label>
          <select
            id={sortId}
            value={query.sort}
            onChange={(event) => onSort(event.target.value as SortOrder)}
            className="h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base text-slate-900 shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 sm:h-10 sm:text-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          >
            {SORT_ORDERS.map((order) => (
              <option key={order} value={order}>
                {SORT_LABELS[order]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div role="group" aria-label="Framework" className="flex flex-wrap items-center gap-2">
        {FRAMEWORKS.map((framework) => {
          const pressed = query.fw.includes(framework);
          return (
            <Chip key={framework} pressed={pressed} onClick={() => toggle(framework)}>
              {dialectBadge(framework).label}
            </Chip>
          );
        })}
        {query.fw.length ? (
          <button
            type="button"
            onClick={() => onFrameworks([])}
            className="inline-flex h-11 items-center rounded-full px-3 text-sm font-medium text-indigo-700 underline-offset-4 hover:underline sm:h-8 dark:text-indigo-300"
          >
            All frameworks
          </button>
        ) : null}
      </div>
      {tagChips.length ? (
        <div role="group" aria-label="Tags" className="flex flex-wrap items-center gap-2">
          <span aria-hidden="true" className="text-sm font-medium text-slate-600 dark:text-slate-400">
            Tags
          </span>
          {tagChips.map((tag) => (
            <Chip key={tag} pressed={query.tags.includes(tag)} onClick={() => toggleTag(tag)}>
              {tag}
            </Chip>
          ))}
          {query.tags.length ? (
            <button
              type="button"
              onClick={() => onTags([])}
              className="inline-flex h-11 items-center rounded-full px-3 text-sm font-medium text-indigo-700 underline-offset-4 hover:underline sm:h-8 dark:text-indigo-300"
            >
              All tags
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** A filter chip: a toggle button. */
function Chip({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={`inline-flex h-11 max-w-full items-center gap-1.5 rounded-full border px-4 text-sm font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 sm:h-8 sm:px-3 dark:focus-visible:ring-offset-slate-950 ${
        pressed
          ? "border-indigo-600 bg-indigo-600 text-white hover:bg-indigo-500 dark:border-indigo-400 dark:bg-indigo-500"
          : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
      }`}
    >
      {pressed ? (
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5 shrink-0">
          <path fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" d="m4.5 10.5 3.5 3.5 7.5-8" />
        </svg>
      ) : null}
      <span className="truncate">{children}</span>
    </button>
  );
}
