"use client";

import { ensureSyntaxTree } from "@codemirror/language";
import type { EditorState } from "@codemirror/state";
import type { Tree } from "@lezer/common";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { parseIncremental, parsePython, visualizeTree } from "~/lib/visualizer";
import type { VisualizeOptions, WorkflowGraph } from "~/lib/visualizer/types";
import { createDebouncer, type Debouncer, initLiveGraph, liveGraphReducer, REDRAW_DELAY_MS, type LiveGraphState } from "./live-graph";

/** How long the redraw may wait for CodeMirror's background parser before parsing itself. */
const PARSE_BUDGET_MS = 30;

export interface LiveGraph extends LiveGraphState {
  /** Call on every document change: the graph is redrawn `REDRAW_DELAY_MS` after the last one. */
  scheduleRedraw(): void;
  /** Redraw now (before a save, say). */
  flushRedraw(): void;
  /** Replace everything with the graph of newly loaded content. */
  load(graph: WorkflowGraph): void;
}

/**
 * The graph of the editor's code, redrawn shortly after the last keystroke. It reads CodeMirror's own
 * incrementally-parsed Lezer tree (the same @lezer/python grammar the visualizer uses), so a redraw costs an
 * extraction, not a parse; when CodeMirror's tree is not complete in time it parses itself, reusing the fragments
 * of its previous tree. While the code has syntax errors the last good graph stays drawn.
 *
 * `getState` returns the editor's current state (null before it exists); `onGraph` receives each new graph
 * (for the gutter's diagnostics). `options` are the reader's (Kedro's dataset view): a change re-reads the code now.
 */
export function useLiveGraph(
  initialGraph: WorkflowGraph,
  getState: () => EditorState | null,
  onGraph?: (graph: WorkflowGraph) => void,
  options: VisualizeOptions = {},
): LiveGraph {
  const [state, dispatch] = useReducer(liveGraphReducer, initialGraph, initLiveGraph);
  const previous = useRef<{ tree: Tree; code: string } | null>(null);
  const getStateRef = useRef(getState);
  const onGraphRef = useRef(onGraph);
  const optionsRef = useRef(options);
  useEffect(() => {
    getStateRef.current = getState;
    onGraphRef.current = onGraph;
    optionsRef.current = options;
  });

  const debouncer = useRef<Debouncer | null>(null);
  useEffect(() => {
    const created = createDebouncer(() => {
      const editorState = getStateRef.current();
      if (!editorState) return;
      const code = editorState.doc.toString();
      let tree = ensureSyntaxTree(editorState, editorState.doc.length, PARSE_BUDGET_MS);
      if (!tree) {
        const before = previous.current;
        tree = before ? parseIncremental(before.tree, before.code, code) : parsePython(code);
      }
      previous.current = { tree, code };
      const graph = visualizeTree(tree, code, optionsRef.current);
      dispatch({ type: "analysed", graph });
      onGraphRef.current?.(graph);
    }, REDRAW_DELAY_MS);
    debouncer.current = created;
    return () => {
      created.cancel();
      debouncer.current = null;
    };
  }, []);

  // A new reading option (the dataset view toggled) redraws at once, not after a keystroke.
  const datasets = options.datasets === true;
  const readWith = useRef(datasets);
  useEffect(() => {
    if (readWith.current === datasets) return;
    readWith.current = datasets;
    debouncer.current?.schedule();
    debouncer.current?.flush();
  }, [datasets]);

  const scheduleRedraw = useCallback(() => debouncer.current?.schedule(), []);
  const flushRedraw = useCallback(() => debouncer.current?.flush(), []);
  const load = useCallback((graph: WorkflowGraph) => {
    debouncer.current?.cancel();
    previous.current = null;
    dispatch({ type: "loaded", graph });
  }, []);

  return { ...state, scheduleRedraw, flushRedraw, load };
}
