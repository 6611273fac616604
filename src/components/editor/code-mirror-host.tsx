"use client";

import { ensureSyntaxTree } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { EditorSelection } from "@codemirror/state";
import { EditorView, type ViewUpdate } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { useCallback, useImperativeHandle, useMemo, useState, type Ref } from "react";
import type { Diagnostic } from "~/lib/visualizer/types";
import type { CodeEditorHandle } from "./code-editor";
import { editorTheme } from "./code-editor-theme";
import { python } from "./python-language";

/**
 * CodeMirror itself (with every CodeMirror package, the Python language and our parser): not in the editor page's
 * first load. ./code-editor.tsx paints the code as a `<pre>` and mounts this once the page has loaded
 * (docs/decisions/083).
 */
export interface CodeMirrorHostProps {
  value: string;
  /** The handle (a plain prop, passed through next/dynamic's wrapper). */
  handle?: Ref<CodeEditorHandle>;
  onUpdate?(update: ViewUpdate): void;
  onCreate(view: EditorView): void;
  /** Shows the code without letting anyone change it (a shared workflow): it can still be selected and copied. */
  readOnly?: boolean;
}

/** The visualizer's diagnostics as CodeMirror's, clamped to the document. */
export function toCmDiagnostics(diagnostics: readonly Diagnostic[], length: number): CmDiagnostic[] {
  return diagnostics.map((d) => {
    const from = Math.max(0, Math.min(d.from, length));
    const to = Math.max(from, Math.min(d.to, length));
    return { from, to, severity: d.severity, message: d.message, source: "visualizer" };
  });
}

const BASIC_SETUP = {
  syntaxHighlighting: false,
  highlightActiveLine: true,
  foldGutter: true,
  autocompletion: true,
  closeBrackets: true,
} as const;

const READ_ONLY_SETUP = { ...BASIC_SETUP, highlightActiveLine: false, autocompletion: false, closeBrackets: false } as const;

/** Clamps [from, to) to the document: a selection of it. */
function clamped(view: EditorView, from: number, to: number) {
  const length = view.state.doc.length;
  const anchor = Math.max(0, Math.min(from, length));
  return { anchor, head: Math.max(anchor, Math.min(to, length)) };
}

export function CodeMirrorHost({ value, handle, onUpdate, onCreate, readOnly = false }: CodeMirrorHostProps) {
  const [view, setView] = useState<EditorView | null>(null);
  const extensions = useMemo(
    () => [
      python(),
      lintGutter(),
      editorTheme,
      EditorView.contentAttributes.of({
        "aria-label": readOnly ? "Python workflow script (read-only)" : "Python workflow script",
        "aria-describedby": "code-editor-hint",
        // An explicit tabindex on the (already focusable) contenteditable: the scroller around it then has keyboard
        // access by every tool's reading (axe's scrollable-region-focusable), with no extra tab stop.
        tabindex: "0",
      }),
    ],
    [readOnly],
  );

  useImperativeHandle(
    handle,
    () => ({
      selectRange(from, to) {
        if (!view) return;
        const { anchor, head } = clamped(view, from, to);
        view.dispatch({
          selection: EditorSelection.single(anchor, head),
          effects: EditorView.scrollIntoView(anchor, { y: "center" }),
        });
        view.focus();
      },
      revealRange(from, to) {
        if (!view) return;
        const { anchor, head } = clamped(view, from, to);
        view.dispatch({ selection: { anchor, head }, effects: EditorView.scrollIntoView(anchor, { y: "center" }) });
      },
      showDiagnostics(diagnostics) {
        if (!view) return;
        view.dispatch(setDiagnostics(view.state, toCmDiagnostics(diagnostics, view.state.doc.length)));
      },
      read(parseBudgetMs) {
        if (!view) return null;
        const state = view.state;
        return { code: state.doc.toString(), tree: ensureSyntaxTree(state, state.doc.length, parseBudgetMs) };
      },
      getCode: () => view?.state.doc.toString() ?? value,
      view: () => view,
    }),
    [view, value],
  );

  const handleCreate = useCallback(
    (created: EditorView) => {
      setView(created);
      onCreate(created);
    },
    [onCreate],
  );

  return (
    <CodeMirror
      value={value}
      height="100%"
      className="h-full"
      theme="none"
      basicSetup={readOnly ? READ_ONLY_SETUP : BASIC_SETUP}
      extensions={extensions}
      readOnly={readOnly}
      placeholder="# Write or paste a Python workflow: LangGraph, Airflow, Prefect, Dagster, Kedro or a plain script."
      onCreateEditor={handleCreate}
      onUpdate={onUpdate}
    />
  );
}
