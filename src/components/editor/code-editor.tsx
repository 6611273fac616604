"use client";

import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { EditorSelection } from "@codemirror/state";
import { EditorView, type ViewUpdate } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import type { Diagnostic } from "~/lib/visualizer/types";
import { EDITOR_THEME_VARS, editorTheme } from "./code-editor-theme";
import { python } from "./python-language";

export interface CodeEditorHandle {
  /** Selects [from, to), scrolls it into view and focuses the editor. */
  selectRange(from: number, to: number): void;
  /** Shows the visualizer's diagnostics in the gutter and as underlines. */
  showDiagnostics(diagnostics: readonly Diagnostic[]): void;
  getCode(): string;
  view(): EditorView | null;
}

export interface CodeEditorProps {
  /** The document. The editor owns its text while the person types; a new value (a load) replaces it. */
  value: string;
  ref?: Ref<CodeEditorHandle>;
  onUpdate?(update: ViewUpdate): void;
  onCreate?(view: EditorView): void;
  className?: string;
}

/** The visualizer's diagnostics as CodeMirror's, clamped to the document. */
export function toCmDiagnostics(diagnostics: readonly Diagnostic[], length: number): CmDiagnostic[] {
  return diagnostics.map((d) => {
    const from = Math.max(0, Math.min(d.from, length));
    const to = Math.max(from, Math.min(d.to, length));
    return { from, to, severity: d.severity, message: d.message, source: "visualizer" };
  });
}

/** A visible focus ring drawn over the editor (an overlay: CodeMirror's own box would paint over an inset ring). */
const FOCUS_RING =
  "after:pointer-events-none after:absolute after:inset-0 after:z-10 after:content-[''] has-[.cm-focused]:after:ring-2 has-[.cm-focused]:after:ring-inset has-[.cm-focused]:after:ring-indigo-500/70";

const BASIC_SETUP = {
  syntaxHighlighting: false,
  highlightActiveLine: true,
  foldGutter: true,
  autocompletion: true,
  closeBrackets: true,
} as const;

/**
 * CodeMirror 6 with Python (on the visualizer's own parser), a lint gutter fed by the visualizer, and a theme that
 * follows the system's.
 * Server-rendered as a plain `<pre>` of the code, so the first paint already shows it.
 */
export function CodeEditor({ value, ref, onUpdate, onCreate, className = "" }: CodeEditorProps) {
  const [view, setView] = useState<EditorView | null>(null);
  const extensions = useMemo(
    () => [
      python(),
      lintGutter(),
      editorTheme,
      // An explicit tabindex on the (already focusable) contenteditable: the scroller around it then has keyboard
      // access by every tool's reading (axe's scrollable-region-focusable), with no extra tab stop.
      EditorView.contentAttributes.of({ "aria-label": "Python workflow script", "aria-describedby": "code-editor-hint", tabindex: "0" }),
    ],
    [],
  );

  useImperativeHandle(
    ref,
    () => ({
      selectRange(from, to) {
        if (!view) return;
        const length = view.state.doc.length;
        const anchor = Math.max(0, Math.min(from, length));
        const head = Math.max(anchor, Math.min(to, length));
        view.dispatch({
          selection: EditorSelection.single(anchor, head),
          effects: EditorView.scrollIntoView(anchor, { y: "center" }),
        });
        view.focus();
      },
      showDiagnostics(diagnostics) {
        if (!view) return;
        view.dispatch(setDiagnostics(view.state, toCmDiagnostics(diagnostics, view.state.doc.length)));
      },
      getCode: () => view?.state.doc.toString() ?? value,
      view: () => view,
    }),
    [view, value],
  );

  const handleCreate = useCallback((created: EditorView) => setView(created), []);
  // Announced from this (parent) effect, which runs after the CodeMirror component's own effects have synced
  // its `value`: a change made in `onCreate` (restoring a draft) is not undone by that sync.
  const onCreateRef = useRef(onCreate);
  useEffect(() => {
    onCreateRef.current = onCreate;
  });
  useEffect(() => {
    if (view) onCreateRef.current?.(view);
  }, [view]);

  return (
    <div
      data-testid="code-editor"
      className={`relative h-full min-h-0 overflow-hidden bg-(--cm-bg) ${FOCUS_RING} ${EDITOR_THEME_VARS} ${className}`}
    >
      {view === null ? (
        // What the server sends and the first paint shows, until CodeMirror takes over (same font and metrics).
        <pre
          aria-hidden="true"
          className="absolute inset-0 overflow-hidden py-3 pl-[3.6rem] font-mono text-[13px] leading-[1.65] whitespace-pre text-(--cm-fg)"
        >
          {value}
        </pre>
      ) : null}
      <CodeMirror
        value={value}
        height="100%"
        className="h-full"
        theme="none"
        basicSetup={BASIC_SETUP}
        extensions={extensions}
        placeholder="# Write or paste a Python workflow: LangGraph, Airflow, Prefect, Dagster, Kedro or a plain script."
        onCreateEditor={handleCreate}
        onUpdate={onUpdate}
      />
      <p id="code-editor-hint" className="sr-only">
        Python code editor. Press Escape, then Tab, to move focus out of the editor.
      </p>
    </div>
  );
}
