"use client";

import type { EditorView, ViewUpdate } from "@codemirror/view";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { toast } from "~/components/ui/toast";
import { WorkflowGraphView, type SelectSourceOptions } from "~/components/graph/workflow-graph-view";
import { useDocumentTitle } from "~/components/ui/use-document-title";
import { EXAMPLES } from "~/lib/examples";
import type { LayoutResult } from "~/lib/graph-layout/types";
import type { SourceSpan, WorkflowGraph } from "~/lib/visualizer/types";
import { CodeEditor, type CodeEditorHandle } from "./code-editor";
import { draftDiffers, shouldRestoreDraft } from "./draft";
import { DraftOffer } from "./draft-offer";
import { GraphLoading } from "./graph-loading";
import { DEFAULT_CODE_PERCENT, MIN_CODE_PERCENT, MIN_GRAPH_PERCENT, splitCookie, type SplitLayout } from "./split-layout";
import { errorLines } from "./live-graph";
import { nodeAtPosition } from "./node-at";
import { SaveBar, SaveMessage } from "./save-bar";
import { EditorTags } from "~/components/tags/editor-tags";
import { downloadWorkflowFile } from "~/components/files/download-py";
import { DEFAULT_NAME, type Content } from "./save-state";
import { useLocalDraft } from "./use-draft";
import { useLiveGraph } from "./use-live-graph";
import { PHONE_QUERY, TOUCH_QUERY, useMediaQuery } from "./use-media-query";
import { useSaveWorkflow, type SaveWorkflow } from "./use-save-workflow";
import { useUnsavedGuard } from "./use-unsaved-guard";
import { useEver } from "~/components/ui/use-ever";

// Not in the first load: they open on demand, mount then, and stay mounted (docs/decisions/083).
const HistoryPanel = dynamic(() => import("~/components/history/history-panel").then((m) => m.HistoryPanel), { ssr: false });
const ConflictDialog = dynamic(() => import("./conflict-dialog").then((m) => m.ConflictDialog), { ssr: false });
const ShareDialog = dynamic(() => import("~/components/share/share-dialog").then((m) => m.ShareDialog), { ssr: false });

export interface WorkflowEditorProps {
  /** A saved workflow (id and version), or a new one (both null). */
  workflow: { id: string; version: number } | null;
  name: string;
  code: string;
  /** A saved workflow's tags (edited under the toolbar, apart from the code). */
  tags?: readonly string[];
  /** The graph of `code`, computed on the server so the first paint draws it; null: the browser reads it itself. */
  initialGraph: WorkflowGraph | null;
  initialLayout?: LayoutResult | null;
  /** Set when the server left a large graph to the browser (src/server/graph-work/initial-drawing.ts): shows a notice. */
  largeGraph?: { nodes: number | null; edges: number | null } | null;
  /** New editors only: what the URL asked for, to decide whether the stored draft comes back. */
  restore?: { draftParam: boolean; exampleSlug: string | null };
  /** The code | graph split the person chose (the editor_split cookie), for tablets and desktops. */
  initialSplit?: SplitLayout | null;
}

const noSubscription = () => () => {};
const NO_GRAPH: WorkflowGraph = { dialect: "generic", nodes: [], edges: [], diagnostics: [] };
const shortcutLabel = () => (/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? "⌘S" : "Ctrl S");
const DEFAULT_SPLIT = { code: DEFAULT_CODE_PERCENT, graph: 100 - DEFAULT_CODE_PERCENT };

function rememberSplit(layout: { [id: string]: number }) {
  const cookie = splitCookie(layout);
  if (cookie) document.cookie = cookie;
}

type Tab = "code" | "graph";

/**
 * The main editor: CodeMirror beside the live graph, with save, conflict handling, the signed-out draft and
 * the unsaved-changes guard (the save flow lives in use-save-workflow.ts).
 */
export function WorkflowEditor(props: WorkflowEditorProps) {

  const editor = useRef<CodeEditorHandle>(null);
  const viewRef = useRef<EditorView | null>(null);
  const codeRef = useRef(props.code);

  const [name, setName] = useState(props.name);
  const nameRef = useRef(name);
  const [codeDirty, setCodeDirty] = useState(false);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const keyboardShortcut = useSyncExternalStore(noSubscription, shortcutLabel, () => "Ctrl S");
  const touch = useMediaQuery(TOUCH_QUERY);
  const shortcut = touch ? null : keyboardShortcut;
  // Phones show code or graph (tabs); the graph mounts when its tab opens, so it is fitted to a real size.
  const phone = useMediaQuery(PHONE_QUERY);
  const [tab, setTab] = useState<Tab>("code");
  const tabPanel = (which: Tab) =>
    phone ? { id: `editor-panel-${which}`, role: "tabpanel", "aria-labelledby": `editor-tab-${which}` } : { id: `editor-panel-${which}` };
  const cursorRef = useRef(0);
  useEffect(() => {
    nameRef.current = name;
  }, [name]);
  useDocumentTitle(`${name.trim() || DEFAULT_NAME} · Workflow Studio`);

  const showDiagnostics = useCallback((graph: WorkflowGraph) => editor.current?.showDiagnostics(graph.diagnostics), []);
  // Kedro: datasets drawn as nodes (the graph view's toggle); the reader draws them as edge labels by default.
  const [datasets, setDatasets] = useState(false);
  const [initialGraph] = useState(() => props.initialGraph ?? NO_GRAPH);
  const live = useLiveGraph(initialGraph, (budget) => editor.current?.read(budget) ?? null, showDiagnostics, { datasets });
  const graphRef = useRef(live.graph);
  useEffect(() => {
    graphRef.current = live.graph;
    setHighlighted(nodeAtPosition(live.graph, cursorRef.current));
  }, [live.graph]);

  const guardRef = useRef<{ allowNextNavigation(): void } | null>(null);
  const baselineCodeRef = useRef(props.code);

  /** Puts other content in the editor (a draft, the server's version); undo can still bring the old text back. */
  const replaceContent = useCallback(
    (content: Content) => {
      const view = viewRef.current;
      if (view) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: content.code } });
      codeRef.current = content.code;
      setName(content.name);
      nameRef.current = content.name;
      setCodeDirty(content.code !== baselineCodeRef.current);
      live.load(content.code);
    },
    [live],
  );

  const flowRef = useRef<SaveWorkflow | null>(null);
  const draft = useLocalDraft({
    workflowId: () => flowRef.current?.state.workflow?.id ?? props.workflow?.id ?? null,
    example: props.restore?.exampleSlug ?? null,
    getContent: () => ({ name: nameRef.current, code: codeRef.current }),
    isDirty: (content) => flowRef.current?.isDirty(content) ?? false,
    paused: () => flowRef.current?.state.draftOffer != null,
  });

  const flow = useSaveWorkflow({
    initial: { workflow: props.workflow, name: props.name, code: props.code },
    getContent: () => ({ name: nameRef.current, code: codeRef.current }),
    beforeSave: () => live.flushRedraw(),
    replaceContent,
    keepDraft: (content, workflowId) => draft.write(content, workflowId),
    dropDraft: ({ id, wasNew }) => {
      if (wasNew) draft.clear(null);
      draft.clear(id);
      draft.schedule(); // still different (typed during the save): kept under the saved workflow's id
    },
    allowNavigation: () => guardRef.current?.allowNextNavigation(),
  });
  const { state } = flow;
  useEffect(() => {
    flowRef.current = flow;
  });

  useEffect(() => {
    baselineCodeRef.current = state.baseline.code;
    setCodeDirty(codeRef.current !== state.baseline.code);
  }, [state.baseline]);

  const dirty = codeDirty || flow.isDirty({ name, code: state.baseline.code });
  const guard = useUnsavedGuard(dirty);
  useEffect(() => {
    guardRef.current = guard;
  });
  const status = flow.status(dirty);

  /** A new workflow takes its stored draft back; a saved one with a different local draft offers it. */
  const restoreLocalDraft = () => {
    if (props.workflow !== null) {
      const stored = draft.read(props.workflow.id);
      if (draftDiffers(stored, props)) flow.dispatch({ type: "draft-found", draft: stored! });
      else if (stored) draft.clear(props.workflow.id); // the server has the same
      return;
    }
    if (!props.restore) return;
    const stored = draft.read(null);
    const restore = shouldRestoreDraft({ ...props.restore, hasDraft: stored !== null, draftExample: stored?.example ?? null });
    if (!restore || !stored || !draftDiffers(stored, { name: props.name, code: codeRef.current })) return;
    replaceContent({ name: stored.name, code: stored.code });
    toast.info("Your draft is back in the editor.", { id: "draft-restored" });
  };

  const restoreOffered = () => {
    const offer = state.draftOffer;
    if (!offer) return;
    flow.dispatch({ type: "draft-restored" });
    replaceContent({ name: offer.name, code: offer.code });
    draft.schedule();
  };
  const discardOffered = () => {
    flow.dispatch({ type: "draft-discarded" });
    if (props.workflow) draft.clear(props.workflow.id);
  };

  const onCreate = useCallback(
    (view: EditorView) => {
      viewRef.current = view;
      // The server's diagnostics in the gutter from the start (after this render, when the handle exists).
      const initialGraph = props.initialGraph;
      if (initialGraph) queueMicrotask(() => editor.current?.showDiagnostics(initialGraph.diagnostics));
      // The server left the graph to the browser: read it from the code now, as after an edit.
      else live.scheduleRedraw();
      restoreLocalDraft();
    },
    // Runs once, when CodeMirror is created.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const onUpdate = useCallback(
    (update: ViewUpdate) => {
      if (update.docChanged) {
        const code = update.state.doc.toString();
        codeRef.current = code;
        setCodeDirty(code !== baselineCodeRef.current);
        live.scheduleRedraw();
        draft.schedule();
      }
      if (update.selectionSet || update.docChanged) {
        const pos = update.state.selection.main.from;
        cursorRef.current = pos;
        setHighlighted(nodeAtPosition(graphRef.current, pos));
      }
    },
    [draft, live],
  );

  // A "line N" link in the node details goes to the code (focus moves to the editor); a node click only selects it
  // there, so keyboard focus stays in the graph.
  const onSelectSource = useCallback((span: SourceSpan, options: SelectSourceOptions) => {
    if (options.focus) {
      editor.current?.selectRange(span.from, span.to);
      return;
    }
    editor.current?.revealRange(span.from, span.to);
  }, []);

  const errors = errorLines(live.errors);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const historyWanted = useEver(historyOpen);
  const conflictWanted = useEver(state.conflict !== null);
  const shareWanted = useEver(shareOpen);
  const savedId = state.workflow?.id ?? null;

  return (
    <div className="flex h-full min-h-0 flex-col bg-white dark:bg-slate-950">
      <SaveBar
        name={name}
        onNameChange={(value) => {
          setName(value);
          nameRef.current = value;
          flow.dispatch({ type: "name-edited" });
          draft.schedule();
        }}
        nameError={state.nameError}
        status={status}
        onSave={() => void flow.save()}
        saving={state.saving !== null}
        dialect={live.latest.dialect}
        nodeCount={live.graph.nodes.filter((n) => n.kind !== "group").length}
        shortcut={shortcut}
        actions={
          state.workflow
            ? [
                { id: "copy", label: "Save as a copy", onSelect: () => void flow.save({ asCopy: true }), disabled: state.saving !== null },
                { id: "history", label: "History", onSelect: () => setHistoryOpen(true) },
                { id: "download", label: "Download .py", onSelect: () => downloadWorkflowFile(state.workflow!.id) },
                { id: "share", label: "Share", onSelect: () => setShareOpen(true) },
              ]
            : []
        }
      />
      {savedId ? <EditorTags key={savedId} workflowId={savedId} initialTags={props.tags ?? []} /> : null}
      <SaveMessage status={status} />
      {savedId && historyWanted ? (
        <HistoryPanel
          workflowId={savedId}
          getCurrentCode={() => codeRef.current}
          open={historyOpen}
          onClose={() => setHistoryOpen(false)}
          onRestore={(code) => {
            // A restore is an ordinary save of the old code: a new version, and a conflict gets the conflict dialog.
            replaceContent({ name: nameRef.current, code });
            void flow.save();
          }}
        />
      ) : null}
      {state.workflow && shareWanted ? (
        <ShareDialog workflowId={state.workflow.id} version={state.workflow.version} open={shareOpen} onClose={() => setShareOpen(false)} />
      ) : null}
      {state.draftOffer ? <DraftOffer savedAt={state.draftOffer.savedAt} onRestore={restoreOffered} onDiscard={discardOffered} /> : null}
      <div role="tablist" aria-label="Show" className="flex border-b border-slate-200 bg-white md:hidden dark:border-slate-800 dark:bg-slate-950">
        {(["code", "graph"] as const).map((which) => (
          <button
            key={which}
            type="button"
            role="tab"
            id={`editor-tab-${which}`}
            aria-selected={tab === which}
            aria-controls={`editor-panel-${which}`}
            tabIndex={tab === which ? 0 : -1}
            onClick={() => setTab(which)}
            onKeyDown={(event) => {
              if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
              const next = which === "code" ? "graph" : "code";
              setTab(next);
              document.getElementById(`editor-tab-${next}`)?.focus();
            }}
            className="min-h-11 flex-1 border-b-2 border-transparent text-sm font-semibold text-slate-600 aria-selected:border-indigo-600 aria-selected:text-indigo-700 dark:text-slate-300 dark:aria-selected:border-indigo-400 dark:aria-selected:text-indigo-300"
          >
            {which === "code" ? "Code" : "Graph"}
          </button>
        ))}
      </div>
      <Group
        orientation="horizontal"
        // On a phone one panel at a time (the tabs above); the inline display of a panel needs !important to hide.
        className="min-h-0 flex-1 max-md:[&>[data-phone-hidden]]:hidden!"
        id="workflow-editor-split"
        defaultLayout={props.initialSplit ?? DEFAULT_SPLIT}
        onLayoutChanged={rememberSplit}
      >
        <Panel id="code" minSize={`${MIN_CODE_PERCENT}%`} className="min-h-0" data-phone-hidden={tab !== "code" || undefined}>
          <section aria-label="Code" className="h-full" {...tabPanel("code")}>
            <CodeEditor ref={editor} value={props.code} onUpdate={onUpdate} onCreate={onCreate} />
          </section>
        </Panel>
        <Separator
          aria-label="Resize code and graph"
          data-phone-hidden
          className="group relative w-1.5 shrink-0 bg-slate-200 outline-none transition-colors hover:bg-indigo-400 focus-visible:bg-indigo-500 data-[separator=active]:bg-indigo-500 dark:bg-slate-800 dark:hover:bg-indigo-500"
        >
          <span aria-hidden="true" className="absolute top-1/2 left-1/2 h-8 w-0.5 -translate-x-1/2 -translate-y-1/2 rounded bg-slate-400 group-hover:bg-white dark:bg-slate-600" />
        </Separator>
        <Panel id="graph" minSize={`${MIN_GRAPH_PERCENT}%`} className="min-h-0" data-phone-hidden={tab !== "graph" || undefined}>
          <section aria-label="Graph" {...tabPanel("graph")} className="flex h-full min-h-0 flex-col gap-0 bg-slate-50 dark:bg-slate-900/40">
            {errors.length > 0 ? (
              <div
                role="alert"
                data-testid="graph-errors"
                className="flex items-start gap-3 border-b border-red-200 bg-red-50 px-4 py-2.5 text-sm text-red-900 dark:border-red-900/60 dark:bg-red-950/60 dark:text-red-100"
              >
                <span aria-hidden="true" className="mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-red-600 text-xs font-bold text-white">
                  !
                </span>
                <div className="min-w-0">
                  <p className="font-semibold">
                    {live.stale ? "Syntax error — showing the last graph that parsed" : "Syntax error"}
                  </p>
                  <ul className="mt-0.5 font-mono text-xs">
                    {errors.map((line, i) => (
                      <li key={i} className="truncate">
                        {line}
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            ) : null}
            {props.largeGraph ? <LargeGraphNotice {...props.largeGraph} /> : null}
            <div data-testid="graph-view" className="min-h-0 flex-1 p-3">
              {phone && tab !== "graph" ? null : (
                <GraphLoading edges={live.graph.edges.length}>
              <WorkflowGraphView
                graph={live.graph}
                // Remounted (the phone's Graph tab): the server's layout only while it is still the graph drawn.
                initialLayout={live.graph === initialGraph ? (props.initialLayout ?? null) : null}
                onSelectSource={onSelectSource}
                highlightedNodeId={highlighted}
                exportName={name.trim() || "workflow"}
                className={`h-full shadow-sm ${live.stale ? "opacity-70" : ""}`}
                emptyState={<EmptyGraph />}
                datasets={datasets}
                onDatasetsChange={setDatasets}
              />
                </GraphLoading>
              )}
            </div>
          </section>
        </Panel>
      </Group>
      {conflictWanted ? (
        <ConflictDialog
          open={state.conflict !== null}
          updatedAt={state.conflict?.updatedAt ?? null}
          busy={state.conflictBusy || state.saving !== null}
          onReloadTheirs={() => void flow.reloadTheirs()}
          onOverwrite={() => void flow.overwrite()}
          onSaveCopy={() => void flow.saveCopy()}
          onClose={() => flow.dispatch({ type: "conflict-closed" })}
        />
      ) : null}
    </div>
  );
}

const count = new Intl.NumberFormat("en");

/** The server did not lay this graph out (too large for its budget): the browser does, which may take a while. */
function LargeGraphNotice({ nodes, edges }: { nodes: number | null; edges: number | null }) {
  const size = nodes !== null && edges !== null ? ` (${count.format(nodes)} nodes, ${count.format(edges)} edges)` : "";
  return (
    <div
      role="status"
      data-testid="large-graph-notice"
      className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <span className="font-semibold">Large graph{size}.</span> Your browser lays it out, which may take a moment.
    </div>
  );
}

function EmptyGraph() {
  return (
    <div className="flex max-w-sm flex-col items-center gap-3 text-center">
      <p className="text-base font-semibold text-slate-700 dark:text-slate-200">Nothing to draw yet</p>
      <p>
        Write a workflow on the left — a LangGraph <code className="font-mono text-xs">StateGraph</code>, an Airflow{" "}
        <code className="font-mono text-xs">DAG</code>, a Prefect flow, a Dagster job, a Kedro pipeline or a plain
        script — and its graph appears here as you type.
      </p>
      <p className="flex flex-wrap justify-center gap-1.5">
        {EXAMPLES.map((example) => (
          <Link
            key={example.slug}
            href={`/editor?example=${example.slug}`}
            className="rounded-full border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:border-indigo-400 hover:text-indigo-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:text-indigo-300"
          >
            {example.framework}
          </Link>
        ))}
      </p>
    </div>
  );
}
