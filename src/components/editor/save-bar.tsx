"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { Dialect } from "~/lib/visualizer/types";
import type { SaveStatusView, SaveTone } from "./save-flow";

export const DIALECT_NAMES: Record<Dialect, string> = {
  langgraph: "LangGraph",
  airflow: "Airflow",
  prefect: "Prefect",
  dagster: "Dagster",
  kedro: "Kedro",
  generic: "Python",
};

const STATUS_DOT: Record<SaveTone, string> = {
  saved: "bg-emerald-500",
  dirty: "bg-amber-500",
  busy: "bg-sky-500 animate-pulse",
  warning: "bg-amber-500 animate-pulse",
  error: "bg-red-600",
};

/** A toolbar action beyond Save (Save as a copy; the History panel later): a button on wide screens, a menu item on phones. */
export interface ToolbarAction {
  id: string;
  label: string;
  onSelect(): void;
  disabled?: boolean;
}

export interface SaveBarProps {
  name: string;
  onNameChange(name: string): void;
  nameError: string | null;
  status: SaveStatusView;
  onSave(): void;
  saving: boolean;
  dialect: Dialect;
  nodeCount: number;
  /** "⌘S" on a Mac, "Ctrl S" elsewhere; null on a touch screen (no keyboard hints there). */
  shortcut: string | null;
  /** Extra actions, in order. */
  actions?: readonly ToolbarAction[];
}

const BUTTON_FOCUS = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500";

/**
 * The editor's top bar: the workflow's name, what the graph is, the save status and the Save button. On a phone the
 * name has the first row to itself and the extra actions go into a "More" menu; touch targets are at least 44 px.
 */
export function SaveBar(props: SaveBarProps) {
  const inputId = useId();
  const errorId = useId();
  const summary = `${DIALECT_NAMES[props.dialect]} · ${props.nodeCount} ${props.nodeCount === 1 ? "node" : "nodes"}`;
  const actions = props.actions ?? [];
  return (
    <div className="flex min-h-14 flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 bg-white px-4 py-2 max-md:px-2 dark:border-slate-800 dark:bg-slate-950">
      <div className="flex min-w-0 flex-1 items-center gap-3 max-md:basis-full">
        <label htmlFor={inputId} className="sr-only">
          Workflow name
        </label>
        <div className="relative min-w-0 max-w-md flex-1 max-md:max-w-none">
          <input
            id={inputId}
            name="name"
            type="text"
            value={props.name}
            onChange={(event) => props.onNameChange(event.target.value)}
            maxLength={120}
            autoComplete="off"
            spellCheck={false}
            placeholder="Name this workflow"
            aria-invalid={props.nameError ? true : undefined}
            aria-describedby={props.nameError ? errorId : undefined}
            className={`h-9 w-full rounded-md border bg-transparent px-2.5 text-[15px] font-semibold text-slate-900 placeholder:font-normal placeholder:text-slate-400 hover:border-slate-300 focus-visible:border-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-500/40 max-md:h-11 max-md:text-base pointer-coarse:h-11 dark:text-slate-50 dark:hover:border-slate-700 ${
              props.nameError ? "border-red-500 dark:border-red-400" : "border-transparent"
            }`}
          />
        </div>
        {props.nameError ? (
          <p id={errorId} role="alert" className="shrink-0 text-sm text-red-700 max-md:hidden dark:text-red-300">
            {props.nameError}
          </p>
        ) : (
          <span className="hidden shrink-0 items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-600 lg:inline-flex dark:bg-slate-800 dark:text-slate-300">
            {summary}
          </span>
        )}
      </div>
      <div className="flex shrink-0 items-center gap-3 max-md:w-full max-md:gap-2">
        <span className="inline-flex min-w-0 items-center gap-2 text-sm text-slate-600 max-md:flex-1 dark:text-slate-300">
          <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${STATUS_DOT[props.status.tone]}`} />
          <span role="status" aria-live="polite" data-testid="save-status" className="truncate">
            {props.status.label}
          </span>
        </span>
        {actions.map((action) => (
          <button
            key={action.id}
            type="button"
            onClick={action.onSelect}
            disabled={action.disabled}
            className={`inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60 max-md:hidden pointer-coarse:h-11 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 ${BUTTON_FOCUS}`}
          >
            {action.label}
          </button>
        ))}
        <button
          type="button"
          onClick={props.onSave}
          disabled={props.saving}
          aria-keyshortcuts="Control+S Meta+S"
          title={props.shortcut ? `Save (${props.shortcut})` : undefined}
          className={`inline-flex h-9 items-center gap-2 rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-progress disabled:opacity-70 max-md:h-11 max-md:min-w-16 max-md:justify-center pointer-coarse:h-11 dark:bg-indigo-500 dark:hover:bg-indigo-400 ${BUTTON_FOCUS}`}
        >
          Save
          {props.shortcut ? (
            <kbd aria-hidden="true" className="rounded bg-black/20 px-1.5 py-0.5 font-sans text-[11px] font-medium text-white max-md:hidden pointer-coarse:hidden">
              {props.shortcut}
            </kbd>
          ) : null}
        </button>
        <MoreMenu summary={summary} actions={actions} />
      </div>
    </div>
  );
}

/** The phone's overflow menu: what the graph is, and the actions that have no room in the bar. */
function MoreMenu({ summary, actions }: { summary: string; actions: readonly ToolbarAction[] }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  return (
    <div ref={root} className="relative md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        className={`inline-flex h-11 w-11 items-center justify-center rounded-md border border-slate-300 bg-white text-lg font-bold text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 ${BUTTON_FOCUS}`}
      >
        <span aria-hidden="true">⋯</span>
        <span className="sr-only">More</span>
      </button>
      {open ? (
        <div
          id={menuId}
          className="absolute top-12 right-0 z-30 flex w-60 flex-col rounded-lg border border-slate-200 bg-white p-1 shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="px-3 py-2 text-sm text-slate-600 dark:text-slate-300">{summary}</p>
          {actions.map((action) => (
            <button
              key={action.id}
              type="button"
              disabled={action.disabled}
              onClick={() => {
                setOpen(false);
                action.onSelect();
              }}
              className={`flex min-h-11 items-center rounded-md px-3 text-left text-sm font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-60 dark:text-slate-100 dark:hover:bg-slate-800 ${BUTTON_FOCUS}`}
            >
              {action.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

const MESSAGE_TONE: Record<SaveTone, string> = {
  saved: "border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200",
  dirty: "border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200",
  busy: "border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900/60 dark:bg-sky-950/50 dark:text-sky-100",
  warning: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/50 dark:text-amber-100",
  error: "border-red-200 bg-red-50 text-red-900 dark:border-red-900/60 dark:bg-red-950/60 dark:text-red-100",
};

/** The sentence that explains a waiting, slow or failed save (or being offline), under the toolbar. */
export function SaveMessage({ status }: { status: SaveStatusView }) {
  if (!status.message) return null;
  return (
    <p
      role={status.tone === "error" ? "alert" : "status"}
      data-testid="save-message"
      className={`border-b px-4 py-2 text-sm ${MESSAGE_TONE[status.tone]}`}
    >
      {status.message}
    </p>
  );
}
