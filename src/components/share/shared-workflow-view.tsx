"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { EditorView } from "@codemirror/view";
import { CodeEditor, type CodeEditorHandle } from "~/components/editor/code-editor";
import { DIALECT_NAMES } from "~/components/editor/save-bar";
import { PHONE_QUERY, useMediaQuery } from "~/components/editor/use-media-query";
import { WorkflowGraphView, type SelectSourceOptions } from "~/components/graph/workflow-graph-view";
import type { LayoutResult } from "~/lib/graph-layout/types";
import type { SharedWorkflow } from "~/lib/validation/share-output";
import type { SourceSpan, WorkflowGraph } from "~/lib/visualizer/types";

type Tab = "code" | "graph";

const NO_GRAPH: WorkflowGraph = { dialect: "generic", nodes: [], edges: [], diagnostics: [] };

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (iso: string) => `${date.format(new Date(iso))} UTC`;

/**
 * A shared workflow, read-only (docs/decisions/090): its name, its code in CodeMirror (selectable, not editable) and
 * its graph. Side by side from tablets up; Code | Graph tabs on a phone, as in the editor. Nothing here can save.
 */
export function SharedWorkflowView({
  shared,
  initialGraph,
  initialLayout,
}: {
  shared: SharedWorkflow;
  /** Drawn by the server; null when it left a large graph to the browser. */
  initialGraph: WorkflowGraph | null;
  initialLayout: LayoutResult | null;
}) {
  const editor = useRef<CodeEditorHandle>(null);
  const [graph, setGraph] = useState<WorkflowGraph>(initialGraph ?? NO_GRAPH);
  useEffect(() => {
    if (initialGraph) return;
    // The server left a large graph to the browser: the visualizer loads only then.
    let live = true;
    void import("~/lib/visualizer").then(({ visualize }) => {
      if (live) setGraph(visualize(shared.code));
    });
    return () => {
      live = false;
    };
  }, [initialGraph, shared.code]);
  const phone = useMediaQuery(PHONE_QUERY);
  const [tab, setTab] = useState<Tab>("code");
  const [view, setView] = useState<EditorView | null>(null);
  useEffect(() => {
    if (view) editor.current?.showDiagnostics(graph.diagnostics);
  }, [view, graph]);
  const onSelectSource = useCallback((span: SourceSpan, options: SelectSourceOptions) => {
    if (phone) setTab("code");
    if (options.focus || phone) queueMicrotask(() => editor.current?.selectRange(span.from, span.to));
  }, [phone]);
  const nodes = graph.nodes.filter((node) => node.kind !== "group").length;
  const hidden = (which: Tab) => (phone && tab !== which ? "hidden" : "");

  return (
    <div className="flex h-full min-h-0 flex-col bg-white dark:bg-slate-950">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
        <h1 className="min-w-0 truncate text-base font-semibold text-slate-900 max-md:basis-full dark:text-slate-50">{shared.name}</h1>
        <span className="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-semibold text-amber-800 ring-1 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-200">
          Read-only
        </span>
        <p data-testid="shared-summary" className="text-sm text-slate-600 dark:text-slate-400">
          {DIALECT_NAMES[graph.dialect]} · {nodes} {nodes === 1 ? "node" : "nodes"} · version {shared.version}
          {shared.pinned ? " (this version only)" : ""} · saved {when(shared.savedAt)}
          {shared.expiresAt ? ` · link expires ${when(shared.expiresAt)}` : ""}
        </p>
      </header>
      <div role="tablist" aria-label="Show" className="flex border-b border-slate-200 md:hidden dark:border-slate-800">
        {(["code", "graph"] as const).map((which) => (
          <button
            key={which}
            type="button"
            role="tab"
            id={`shared-tab-${which}`}
            aria-selected={tab === which}
            aria-controls={`shared-panel-${which}`}
            onClick={() => setTab(which)}
            className="min-h-11 flex-1 border-b-2 border-transparent text-sm font-semibold text-slate-600 aria-selected:border-indigo-600 aria-selected:text-indigo-700 dark:text-slate-300 dark:aria-selected:border-indigo-400 dark:aria-selected:text-indigo-300"
          >
            {which === "code" ? "Code" : "Graph"}
          </button>
        ))}
      </div>
      <div className="grid min-h-0 flex-1 auto-rows-[minmax(0,1fr)] md:grid-cols-2">
        <section id="shared-panel-code" aria-label="Code" className={`min-h-0 border-slate-200 md:border-r dark:border-slate-800 ${hidden("code")}`}>
          <CodeEditor ref={editor} value={shared.code} readOnly onCreate={setView} />
        </section>
        <section id="shared-panel-graph" aria-label="Graph" className={`min-h-0 bg-slate-50 p-3 dark:bg-slate-900/40 ${hidden("graph")}`}>
          <div data-testid="graph-view" className="h-full min-h-0">
            {phone && tab !== "graph" ? null : (
              <WorkflowGraphView
                graph={graph}
                initialLayout={graph === initialGraph ? initialLayout : null}
                onSelectSource={onSelectSource}
                exportName={shared.name.trim() || "workflow"}
                className="h-full shadow-sm"
              />
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
