"use client";

import { EditorView, type ViewUpdate } from "@codemirror/view";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { getSession, useSession } from "next-auth/react";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { toast } from "sonner";
import { WorkflowGraphView, type SelectSourceOptions } from "~/components/graph/workflow-graph-view";
import { EXAMPLES } from "~/lib/examples";
import type { LayoutResult } from "~/lib/graph-layout/types";
import { workflowName } from "~/lib/validation/workflow";
import { visualize } from "~/lib/visualizer";
import type { SourceSpan, WorkflowGraph } from "~/lib/visualizer/types";
import type { AppErrorData } from "~/trpc/error-adapter";
import { api } from "~/trpc/react";
import { CodeEditor, type CodeEditorHandle } from "./code-editor";
import { ConflictDialog } from "./conflict-dialog";
import { LOGIN_FOR_DRAFT_URL, shouldRestoreDraft } from "./draft";
import { errorLines } from "./live-graph";
import { nodeAtPosition } from "./node-at";
import { SaveBar } from "./save-bar";
import { copyName, isDirty, saveStatusOf, type Content } from "./save-state";
import { useDraft } from "./use-draft";
import { useLiveGraph } from "./use-live-graph";
import { useUnsavedGuard } from "./use-unsaved-guard";

export interface WorkflowEditorProps {
  /** A saved workflow (id and version), or a new one (both null). */
  workflow: { id: string; version: number } | null;
  name: string;
  code: string;
  /** The graph of `code`, computed on the server so the first paint draws it. */
  initialGraph: WorkflowGraph;
  initialLayout?: LayoutResult | null;
  /** New editors only: what the URL asked for, to decide whether the stored draft comes back. */
  restore?: { draftParam: boolean; exampleSlug: string | null };
}

interface Conflict {
  currentVersion: number | null;
  updatedAt: string | null;
}

const noSubscription = () => () => {};
const shortcutLabel = () => (/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? "⌘S" : "Ctrl S");

function errorData(error: unknown): AppErrorData | undefined {
  return (error as { data?: AppErrorData } | null)?.data;
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  if (!errorData(error)) return "Could not reach the server. Check your connection and try again.";
  return message || "Something went wrong.";
}

/**
 * The main editor: CodeMirror beside the live graph, with save, conflict handling, the signed-out draft and
 * the unsaved-changes guard.
 */
export function WorkflowEditor(props: WorkflowEditorProps) {
  const router = useRouter();
  const session = useSession();
  const utils = api.useUtils();
  const saveMutation = api.workflow.save.useMutation();
  const draft = useDraft();

  const editor = useRef<CodeEditorHandle>(null);
  const viewRef = useRef<EditorView | null>(null);
  const codeRef = useRef(props.code);

  const [workflow, setWorkflow] = useState(props.workflow);
  const [name, setName] = useState(props.name);
  const [nameError, setNameError] = useState<string | null>(null);
  const [baseline, setBaseline] = useState<Content>({ name: props.name, code: props.code });
  const baselineRef = useRef(baseline);
  const [codeDirty, setCodeDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [conflictBusy, setConflictBusy] = useState(false);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const shortcut = useSyncExternalStore(noSubscription, shortcutLabel, () => "Ctrl S");
  const cursorRef = useRef(0);

  useEffect(() => {
    baselineRef.current = baseline;
    setCodeDirty(codeRef.current !== baseline.code);
  }, [baseline]);

  const showDiagnostics = useCallback((graph: WorkflowGraph) => editor.current?.showDiagnostics(graph.diagnostics), []);
  // Kedro: datasets drawn as nodes (the graph view's toggle); the reader draws them as edge labels by default.
  const [datasets, setDatasets] = useState(false);
  const datasetsRef = useRef(datasets);
  useEffect(() => {
    datasetsRef.current = datasets;
  });
  const live = useLiveGraph(props.initialGraph, () => viewRef.current?.state ?? null, showDiagnostics, { datasets });
  const graphRef = useRef(live.graph);
  useEffect(() => {
    graphRef.current = live.graph;
    setHighlighted(nodeAtPosition(live.graph, cursorRef.current));
  }, [live.graph]);

  const dirty = codeDirty || isDirty(baseline, { name, code: baseline.code });
  const guard = useUnsavedGuard(dirty);
  const status = saveStatusOf({ saving, dirty, persisted: workflow !== null });

  /** Puts other content in the editor (a draft, the server's version); undo can still bring the old text back. */
  const replaceContent = useCallback(
    (content: Content) => {
      const view = viewRef.current;
      if (view) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: content.code } });
      codeRef.current = content.code;
      setName(content.name);
      setNameError(null);
      setCodeDirty(content.code !== baselineRef.current.code);
      live.load(visualize(content.code, { datasets: datasetsRef.current }));
    },
    [live],
  );

  const onCreate = useCallback(
    (view: EditorView) => {
      viewRef.current = view;
      // The server's diagnostics in the gutter from the start (after this render, when the handle exists).
      queueMicrotask(() => editor.current?.showDiagnostics(props.initialGraph.diagnostics));
      if (props.workflow !== null || !props.restore) return;
      const stored = draft.read();
      if (!shouldRestoreDraft({ ...props.restore, hasDraft: stored !== null }) || !stored) return;
      if (stored.code === codeRef.current && stored.name === baselineRef.current.name) return;
      replaceContent({ name: stored.name, code: stored.code });
      toast.info("Your draft is back in the editor.", { id: "draft-restored" });
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
        setCodeDirty(code !== baselineRef.current.code);
        live.scheduleRedraw();
      }
      if (update.selectionSet || update.docChanged) {
        const pos = update.state.selection.main.from;
        cursorRef.current = pos;
        setHighlighted(nodeAtPosition(graphRef.current, pos));
      }
    },
    [live],
  );

  // A "line N" link in the node details goes to the code (focus moves to the editor); a node click only selects it
  // there, so keyboard focus stays in the graph.
  const onSelectSource = useCallback((span: SourceSpan, options: SelectSourceOptions) => {
    if (options.focus) {
      editor.current?.selectRange(span.from, span.to);
      return;
    }
    const view = editor.current?.view();
    if (!view) return;
    const length = view.state.doc.length;
    const anchor = Math.max(0, Math.min(span.from, length));
    view.dispatch({
      selection: { anchor, head: Math.max(anchor, Math.min(span.to, length)) },
      effects: EditorView.scrollIntoView(anchor, { y: "center" }),
    });
  }, []);

  const sendToLogin = useCallback(
    (content: Content, message: string) => {
      draft.write(content);
      guard.allowNextNavigation();
      toast.info(message, { id: "login-to-save" });
      router.push(LOGIN_FOR_DRAFT_URL);
    },
    [draft, guard, router],
  );

  const save = useCallback(
    async (options: { expectedVersion?: number; asCopy?: boolean } = {}) => {
      live.flushRedraw();
      const code = codeRef.current;
      const wanted = options.asCopy ? copyName(name) : name;
      const parsed = workflowName.safeParse(wanted);
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? "Check the name.";
        setNameError(message);
        toast.error(`Not saved: ${message}`);
        return;
      }
      setNameError(null);

      const signedIn = session.status === "authenticated" || (session.status === "loading" && (await getSession()) !== null);
      if (!signedIn) {
        sendToLogin({ name, code }, "Log in or sign up to save. Your draft will be waiting in the editor.");
        return;
      }

      const target = options.asCopy ? null : workflow;
      setSaving(true);
      try {
        const saved = await saveMutation.mutateAsync(
          target
            ? { id: target.id, name: parsed.data, code, expectedVersion: options.expectedVersion ?? target.version }
            : { name: parsed.data, code },
        );
        draft.clear();
        setConflict(null);
        void utils.workflow.list.invalidate();
        if (options.asCopy) {
          toast.success(`Saved as “${saved.name}”`);
          guard.allowNextNavigation();
          setBaseline({ name, code: codeRef.current }); // nothing left to lose here: both versions are saved
          router.push(`/workflows/${saved.id}`);
          return;
        }
        setWorkflow({ id: saved.id, version: saved.version });
        setBaseline({ name: saved.name, code });
        if (!target) {
          // The new workflow's address, without leaving this page: the editor keeps its state and undo history.
          window.history.replaceState(null, "", `/workflows/${saved.id}`);
        }
        toast.success("Saved");
      } catch (error) {
        const data = errorData(error);
        if (data?.code === "CONFLICT" && target) {
          const details = data.details ?? {};
          setConflict({
            currentVersion: typeof details.currentVersion === "number" ? details.currentVersion : null,
            updatedAt: typeof details.updatedAt === "string" ? details.updatedAt : null,
          });
          return;
        }
        if (data?.code === "UNAUTHORIZED") {
          sendToLogin({ name, code }, "Your session ended. Log in again to save; your draft is kept.");
          return;
        }
        if (data?.code === "NOT_FOUND" && target) {
          setWorkflow(null);
          toast.error("This workflow was deleted elsewhere. Save again to keep it as a new workflow.");
          return;
        }
        const fieldError = data?.fields?.name?.[0];
        if (fieldError) setNameError(fieldError);
        toast.error(`Not saved: ${fieldError ?? errorMessage(error)}`);
      } finally {
        setSaving(false);
      }
    },
    [draft, guard, live, name, router, saveMutation, sendToLogin, session.status, utils, workflow],
  );

  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  const conflictOpen = conflict !== null;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "s") return;
      event.preventDefault();
      if (!conflictOpen && !saving) void saveRef.current();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [conflictOpen, saving]);

  const reloadTheirs = async () => {
    if (!workflow) return;
    setConflictBusy(true);
    try {
      const theirs = await utils.workflow.get.fetch({ id: workflow.id }, { staleTime: 0 });
      setWorkflow({ id: theirs.id, version: theirs.version });
      baselineRef.current = { name: theirs.name, code: theirs.code };
      setBaseline(baselineRef.current);
      replaceContent({ name: theirs.name, code: theirs.code });
      setConflict(null);
      toast.success("Loaded the saved version");
    } catch (error) {
      toast.error(`Could not load the saved version: ${errorMessage(error)}`);
    } finally {
      setConflictBusy(false);
    }
  };
  const overwrite = async () => {
    setConflictBusy(true);
    let version = conflict?.currentVersion ?? null;
    if (version === null && workflow) {
      version = (await utils.workflow.get.fetch({ id: workflow.id }, { staleTime: 0 }).catch(() => null))?.version ?? null;
    }
    await save(version === null ? {} : { expectedVersion: version });
    setConflictBusy(false);
  };
  const saveCopy = async () => {
    setConflictBusy(true);
    await save({ asCopy: true });
    setConflictBusy(false);
  };

  const errors = errorLines(live.errors);

  return (
    <div className="flex h-full min-h-0 flex-col bg-white dark:bg-slate-950">
      <SaveBar
        name={name}
        onNameChange={(value) => {
          setName(value);
          if (nameError) setNameError(null);
        }}
        nameError={nameError}
        status={status}
        onSave={() => void save()}
        saving={saving}
        dialect={live.latest.dialect}
        nodeCount={live.graph.nodes.filter((n) => n.kind !== "group").length}
        shortcut={shortcut}
      />
      <Group orientation="horizontal" className="min-h-0 flex-1" id="workflow-editor-split">
        <Panel id="code" defaultSize="46%" minSize="25%" className="min-h-0">
          <section aria-label="Code" className="h-full">
            <CodeEditor ref={editor} value={props.code} onUpdate={onUpdate} onCreate={onCreate} />
          </section>
        </Panel>
        <Separator
          aria-label="Resize code and graph"
          className="group relative w-1.5 shrink-0 bg-slate-200 outline-none transition-colors hover:bg-indigo-400 focus-visible:bg-indigo-500 data-[separator=active]:bg-indigo-500 dark:bg-slate-800 dark:hover:bg-indigo-500"
        >
          <span aria-hidden="true" className="absolute top-1/2 left-1/2 h-8 w-0.5 -translate-x-1/2 -translate-y-1/2 rounded bg-slate-400 group-hover:bg-white dark:bg-slate-600" />
        </Separator>
        <Panel id="graph" minSize="30%" className="min-h-0">
          <section aria-label="Graph" className="flex h-full min-h-0 flex-col gap-0 bg-slate-50 dark:bg-slate-900/40">
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
            <div data-testid="graph-view" className="min-h-0 flex-1 p-3">
              <WorkflowGraphView
                graph={live.graph}
                initialLayout={props.initialLayout ?? null}
                onSelectSource={onSelectSource}
                highlightedNodeId={highlighted}
                exportName={name.trim() || "workflow"}
                className={`h-full shadow-sm ${live.stale ? "opacity-70" : ""}`}
                emptyState={<EmptyGraph />}
                datasets={datasets}
                onDatasetsChange={setDatasets}
              />
            </div>
          </section>
        </Panel>
      </Group>
      <ConflictDialog
        open={conflictOpen}
        updatedAt={conflict?.updatedAt ?? null}
        busy={conflictBusy || saving}
        onReloadTheirs={() => void reloadTheirs()}
        onOverwrite={() => void overwrite()}
        onSaveCopy={() => void saveCopy()}
        onClose={() => setConflict(null)}
      />
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
