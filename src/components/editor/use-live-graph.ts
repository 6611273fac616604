"use client";

import type { Tree } from "@lezer/common";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { afterFirstLoad } from "~/lib/lazy";
import type { VisualizeOptions, WorkflowGraph } from "~/lib/visualizer/types";
import { loadVisualizer, withVisualizer } from "./visualizer-loader";
import { createDebouncer, type Debouncer, initLiveGraph, liveGraphReducer, REDRAW_DELAY_MS, type LiveGraphState } from "./live-graph";

/** How long the redraw may wait for CodeMirror's background parser before parsing itself. */
const PARSE_BUDGET_MS = 30;

export interface LiveGraph extends LiveGraphState {
  /** Call on every document change: the graph is redrawn `REDRAW_DELAY_MS` after the last one. */
  scheduleRedraw(): void;
  /** Redraw now (before a save, say). */
  flushRedraw(): void;
  /** Replace everything with the graph of newly loaded content (read from `code` with the current options). */
  load(code: string): void;
}

/**
 * The graph of the editor's code, redrawn shortly after the last keystroke. It reads CodeMirror's own
 * incrementally-parsed Lezer tree (the same @lezer/python grammar the visualizer uses), so a redraw costs an
 * extraction, not a parse; when CodeMirror's tree is not complete in time it parses itself, reusing the fragments
 * of its previous tree. While the code has syntax errors the last good graph stays drawn.
 *
 * `read` returns the editor's code and, when CodeMirror's parser finishes within the budget, its tree (null before
 * the editor exists); `onGraph` receives each new graph
 * (for the gutter's diagnostics). `options` are the reader's (Kedro's dataset view): a change re-reads the code now.
 */
export function useLiveGraph(
  initialGraph: WorkflowGraph,
  read: (parseBudgetMs: number) => { code: string; tree: Tree | null } | null,
  onGraph?: (graph: WorkflowGraph) => void,
  options: VisualizeOptions = {},
): LiveGraph {
  const [state, dispatch] = useReducer(liveGraphReducer, initialGraph, initLiveGraph);
  const previous = useRef<{ tree: Tree; code: string } | null>(null);
  const readRef = useRef(read);
  const onGraphRef = useRef(onGraph);
  const optionsRef = useRef(options);
  useEffect(() => {
    readRef.current = read;
    onGraphRef.current = onGraph;
    optionsRef.current = options;
  });

  const debouncer = useRef<Debouncer | null>(null);
  // Bumped by `load` and on unmount: a redraw that waited for the visualizer to load is dropped if content changed.
  const generation = useRef(0);
  useEffect(() => {
    // The visualizer is not in the first load (the server drew the first graph): fetched once the page is idle.
    const cancelWarmUp = afterFirstLoad(() => void loadVisualizer().catch(() => {}));
    const created = createDebouncer(() => {
      const started = generation.current;
      withVisualizer(({ parseIncremental, parsePython, visualizeTree }) => {
        if (generation.current !== started) return;
        // Read now, not when scheduled: the latest code, even when the visualizer had to load first.
        const current = readRef.current(PARSE_BUDGET_MS);
        if (!current) return;
        const { code } = current;
        let tree = current.tree;
        if (!tree) {
          const before = previous.current;
          tree = before ? parseIncremental(before.tree, before.code, code) : parsePython(code);
        }
        previous.current = { tree, code };
        const graph = visualizeTree(tree, code, optionsRef.current);
        dispatch({ type: "analysed", graph });
        onGraphRef.current?.(graph);
      });
    }, REDRAW_DELAY_MS);
    debouncer.current = created;
    const generations = generation;
    return () => {
      cancelWarmUp();
      created.cancel();
      generations.current++;
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
  const load = useCallback((code: string) => {
    debouncer.current?.cancel();
    previous.current = null;
    const loading = ++generation.current;
    withVisualizer(({ visualize }) => {
      if (generation.current !== loading) return;
      dispatch({ type: "loaded", graph: visualize(code, optionsRef.current) });
    });
  }, []);

  return { ...state, scheduleRedraw, flushRedraw, load };
}
