"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { RouterOutputs } from "~/trpc/react";
import { CardThumbnail } from "./card-thumbnail";
import { absoluteTime, dialectBadge, plural, relativeTime } from "./format";
import { Highlight } from "./highlight";
import { TagPill } from "~/components/tags/tag-pill";

// Its own module, so the loading screen (a server component) does not ship the card with it (docs/decisions/083).
export { WorkflowCardSkeleton } from "./workflow-card-skeleton";

/** Where a search matched a workflow (the list contract of issue 14); null without a search. */
export interface ListMatch {
  field: "name" | "dialect" | "code";
  snippet: string;
  line: number | null;
}

export type WorkflowListItem = RouterOutputs["workflow"]["list"]["items"][number] & { match?: ListMatch | null };

export interface CardActions {
  onRename: (item: WorkflowListItem) => void;
  onDuplicate: (item: WorkflowListItem) => void;
  onDelete: (item: WorkflowListItem) => void;
  onTags: (item: WorkflowListItem) => void;
  /** Before hydration (nothing would happen) and while a duplicate is made. */
  disabled: boolean;
}

/**
 * One workflow: its drawing, name, dialect, node count and when it was last updated. The name is a link
 * stretched over the whole card, so a click anywhere opens it; the action buttons sit above that link.
 */
export function WorkflowCard({ item, now, actions, words }: { item: WorkflowListItem; now: number; actions: CardActions; words: string[] }) {
  const badge = dialectBadge(item.graph.dialect);
  const codeMatch = item.match?.field === "code" ? item.match : null;
  return (
    <li>
      <article
        aria-label={item.name}
        className="group relative flex h-full flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm transition hover:-translate-y-0.5 hover:border-slate-300 hover:shadow-md focus-within:border-indigo-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-700"
      >
        <CardThumbnail id={item.id} name={item.name} version={item.version} nodeCount={item.graph.nodes} />
        <div className="flex flex-1 flex-col gap-2 p-4">
          <div className="flex items-start gap-2">
            <h2 className="min-w-0 flex-1 text-[0.95rem] leading-6 font-semibold">
              <Link
                href={`/workflows/${item.id}`}
                data-card-link=""
                className="block truncate rounded outline-none after:absolute after:inset-0 after:rounded-xl focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-indigo-500"
                title={item.name}
              >
                <Highlight text={item.name} words={words} />
              </Link>
            </h2>
          </div>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
            <span className={`inline-flex items-center rounded-md px-1.5 py-0.5 font-medium ring-1 ring-inset ${badge.className}`}>{badge.label}</span>
            {/* null: the graph was not counted within the server's time budget when saved (docs/decisions/036). */}
            <span>{item.graph.nodes === null ? "Large graph" : plural(item.graph.nodes, "node")}</span>
            <span aria-hidden="true">·</span>
            <span>
              Updated{" "}
              <time dateTime={item.updatedAt} title={absoluteTime(item.updatedAt)} suppressHydrationWarning>
                {relativeTime(item.updatedAt, now)}
              </time>
            </span>
          </div>
          {item.tags.length ? (
            <ul aria-label="Tags" className="flex min-w-0 flex-wrap gap-1">
              {item.tags.map((tag) => (
                <li key={tag} className="max-w-full">
                  <TagPill tag={tag} />
                </li>
              ))}
            </ul>
          ) : null}
          {codeMatch ? (
            <p className="flex min-w-0 items-baseline gap-2 rounded-md bg-slate-50 px-2 py-1.5 text-xs text-slate-700 dark:bg-slate-800/60 dark:text-slate-300">
              <span className="shrink-0 font-medium text-slate-500 dark:text-slate-400">{codeMatch.line === null ? "Code" : `Line ${codeMatch.line}`}</span>
              <code className="min-w-0 truncate font-mono" title={codeMatch.snippet}>
                <Highlight text={codeMatch.snippet} words={words} />
              </code>
            </p>
          ) : null}
          <div className="relative z-10 mt-auto flex items-center gap-1 pt-1">
            <CardButton label={`Rename ${item.name}`} text="Rename" onClick={() => actions.onRename(item)} disabled={actions.disabled}>
              <path d="M13.6 3.6a2 2 0 0 1 2.8 2.8l-8.5 8.5-3.6.8.8-3.6 8.5-8.5Z" />
            </CardButton>
            <CardButton label={`Duplicate ${item.name}`} text="Duplicate" onClick={() => actions.onDuplicate(item)} disabled={actions.disabled}>
              <path d="M7 7V4.5A1.5 1.5 0 0 1 8.5 3h7A1.5 1.5 0 0 1 17 4.5v7a1.5 1.5 0 0 1-1.5 1.5H13M4.5 7h7A1.5 1.5 0 0 1 13 8.5v7a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 15.5v-7A1.5 1.5 0 0 1 4.5 7Z" />
            </CardButton>
            <CardButton label={`Edit the tags of ${item.name}`} text="Tags" onClick={() => actions.onTags(item)} disabled={actions.disabled}>
              <path d="M3 10.2V4a1 1 0 0 1 1-1h6.2a1 1 0 0 1 .7.3l6 6a1 1 0 0 1 0 1.4l-6.2 6.2a1 1 0 0 1-1.4 0l-6-6a1 1 0 0 1-.3-.7ZM7 7h.01" />
            </CardButton>
            <CardButton label={`Delete ${item.name}`} text="Delete" danger onClick={() => actions.onDelete(item)} disabled={actions.disabled}>
              <path d="M4 6h12M8 6V4h4v2m-6 0 .7 10h6.6L14 6" />
            </CardButton>
          </div>
        </div>
      </article>
    </li>
  );
}

function CardButton({
  label,
  text,
  onClick,
  danger,
  disabled,
  children,
}: {
  label: string;
  text: string;
  onClick: () => void;
  danger?: boolean;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={text}
      onClick={onClick}
      disabled={disabled}
      className={`inline-flex h-11 min-w-11 items-center justify-center gap-1.5 rounded-md px-2 text-xs sm:h-8 sm:min-w-0 font-medium transition-colors disabled:opacity-50 ${
        danger
          ? "ml-auto text-slate-500 hover:bg-red-50 hover:text-red-700 dark:text-slate-400 dark:hover:bg-red-500/10 dark:hover:text-red-300"
          : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
      }`}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
        {children}
      </svg>
      <span>{text}</span>
    </button>
  );
}
