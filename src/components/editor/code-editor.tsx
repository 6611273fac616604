"use client";

import type { Tree } from "@lezer/common";
import type { EditorView, ViewUpdate } from "@codemirror/view";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type Ref } from "react";
import type { Diagnostic } from "~/lib/visualizer/types";
import { useAfterLoad } from "~/components/ui/use-after-load";
import { EDITOR_THEME_VARS } from "./code-editor-vars";

export interface CodeEditorHandle {
  /** Selects [from, to), scrolls it into view and focuses the editor. */
  selectRange(from: number, to: number): void;
  /** Selects [from, to) and scrolls it into view; focus stays where it is. */
  revealRange(from: number, to: number): void;
  /** Shows the visualizer's diagnostics in the gutter and as underlines. */
  showDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** The code, with CodeMirror's syntax tree when its parser gets through it within the budget (else null). */
  read(parseBudgetMs: number): { code: string; tree: Tree | null } | null;
  getCode(): string;
  view(): EditorView | null;
}

export interface CodeEditorProps {
  /** The document. The editor owns its text while the person types; a new value (a load) replaces it. */
  value: string;
  /** Available once CodeMirror is there (see `onCreate`); null before. */
  ref?: Ref<CodeEditorHandle>;
  onUpdate?(update: ViewUpdate): void;
  onCreate?(view: EditorView): void;
  className?: string;
  /** Shows the code without letting anyone change it (a shared workflow): it can still be selected and copied. */
  readOnly?: boolean;
}

/** A visible focus ring drawn over the editor (an overlay: CodeMirror's own box would paint over an inset ring). */
const FOCUS_RING =
  "after:pointer-events-none after:absolute after:inset-0 after:z-10 after:content-[''] has-[.cm-focused]:after:ring-2 has-[.cm-focused]:after:ring-inset has-[.cm-focused]:after:ring-indigo-500/70";

// CodeMirror, its Python language and our parser (~150 kB gzip) are not in the page's first load (docs/decisions/083).
const CodeMirrorHost = dynamic(() => import("./code-mirror-host").then((m) => m.CodeMirrorHost), { ssr: false });

/**
 * CodeMirror 6 with Python (on the visualizer's own parser), a lint gutter fed by the visualizer, and a theme that
 * follows the system's.
 * Server-rendered as a plain `<pre>` of the code, so the first paint already shows it; CodeMirror takes over once the
 * page has loaded.
 */
export function CodeEditor({ value, ref, onUpdate, onCreate, className = "", readOnly = false }: CodeEditorProps) {
  const [view, setView] = useState<EditorView | null>(null);
  const loaded = useAfterLoad();

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
      {loaded ? <CodeMirrorHost handle={ref} value={value} onUpdate={onUpdate} onCreate={setView} readOnly={readOnly} /> : null}
      <p id="code-editor-hint" className="sr-only">
        {readOnly ? "Read-only Python code. " : "Python code editor. "}Press Escape, then Tab, to move focus out of the editor.
      </p>
    </div>
  );
}
