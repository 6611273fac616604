"use client";

import { useId, type FormEvent } from "react";
import type { LayoutDirection } from "~/lib/graph-layout/types";

const BUTTON =
  "inline-flex h-8 items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";

export interface GraphToolbarProps {
  direction: LayoutDirection;
  onToggleDirection(): void;
  onFitView(): void;
  query: string;
  onQueryChange(query: string): void;
  /** Go to the next match (Enter in the search box). */
  onFindNext(): void;
  matchCount: number;
  matchIndex: number;
  onExportPng(): void;
  onExportSvg(): void;
  onExportMermaid(): void;
  disabled?: boolean;
  legend: boolean;
  onToggleLegend(): void;
  minimap: boolean;
  onToggleMinimap(): void;
  /** Kedro only: datasets drawn as nodes (on) or as edge labels (off); the toggle shows only when this is defined. */
  datasets?: boolean;
  onToggleDatasets?(): void;
}

const TOGGLE = `${BUTTON} aria-pressed:border-indigo-400 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-900 dark:aria-pressed:border-indigo-500 dark:aria-pressed:bg-indigo-950 dark:aria-pressed:text-indigo-100`;

export function GraphToolbar(props: GraphToolbarProps) {
  const searchId = useId();
  const statusId = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onFindNext();
  };
  const status =
    props.query.trim() === ""
      ? ""
      : props.matchCount === 0
        ? "No match"
        : `${props.matchIndex + 1} of ${props.matchCount}`;
  return (
    <div
      role="toolbar"
      aria-label="Graph tools"
      className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50 px-2 py-1.5 dark:border-slate-700 dark:bg-slate-950"
    >
      <button
        type="button"
        className={BUTTON}
        onClick={props.onToggleDirection}
        // The name starts with the words on the button (WCAG 2.5.3, label in name), so "click Top-down" works by voice.
        aria-label={props.direction === "TB" ? "Top-down layout, switch to left-right" : "Left-right layout, switch to top-down"}
        title="Toggle layout direction"
      >
        <span aria-hidden="true">{props.direction === "TB" ? "↓" : "→"}</span>
        {props.direction === "TB" ? "Top-down" : "Left-right"}
      </button>
      <button type="button" className={BUTTON} onClick={props.onFitView} aria-label="Fit graph to view" title="Fit to view">
        Fit
      </button>
      <button
        type="button"
        className={TOGGLE}
        onClick={props.onToggleMinimap}
        aria-pressed={props.minimap}
        title={props.minimap ? "Hide the minimap" : "Show the minimap"}
      >
        Minimap
      </button>
      <button
        type="button"
        className={TOGGLE}
        onClick={props.onToggleLegend}
        aria-pressed={props.legend}
        title={props.legend ? "Hide the legend" : "Show the legend"}
      >
        Legend
      </button>
      {props.datasets !== undefined && props.onToggleDatasets ? (
        <button
          type="button"
          className={TOGGLE}
          onClick={props.onToggleDatasets}
          aria-pressed={props.datasets}
          title={props.datasets ? "Draw datasets as edge labels (node to node)" : "Draw datasets as nodes (Kedro-Viz)"}
        >
          Datasets
        </button>
      ) : null}
      <form role="search" onSubmit={onSubmit} className="flex items-center gap-1">
        <label htmlFor={searchId} className="sr-only">
          Find node
        </label>
        <input
          id={searchId}
          type="search"
          value={props.query}
          onChange={(event) => props.onQueryChange(event.target.value)}
          aria-describedby={statusId}
          placeholder="Find node…"
          className="h-8 w-40 rounded-md border border-slate-300 bg-white px-2 text-xs text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
        />
        <button type="submit" className={BUTTON} aria-label="Find next matching node" disabled={props.matchCount === 0}>
          Next
        </button>
        <span id={statusId} role="status" aria-live="polite" className="min-w-14 text-xs text-slate-600 dark:text-slate-400">
          {status}
        </span>
      </form>
      <div className="ml-auto flex items-center gap-1" role="group" aria-label="Export">
        <button type="button" className={BUTTON} onClick={props.onExportPng} disabled={props.disabled} aria-label="Export drawing as PNG">
          PNG
        </button>
        <button type="button" className={BUTTON} onClick={props.onExportSvg} disabled={props.disabled} aria-label="Export drawing as SVG">
          SVG
        </button>
        <button
          type="button"
          className={BUTTON}
          onClick={props.onExportMermaid}
          disabled={props.disabled}
          aria-label="Export graph as Mermaid text"
        >
          Mermaid
        </button>
      </div>
    </div>
  );
}
