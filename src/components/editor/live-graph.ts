/**
 * The live graph's state, kept pure so it is tested without a browser:
 * - a reducer that keeps the last graph drawn without errors while the script has syntax errors, and lists
 *   those errors for the banner above the graph;
 * - a debouncer, so the graph is redrawn once the person pauses typing, not on every keystroke.
 */
import type { Diagnostic, WorkflowGraph } from "~/lib/visualizer/types";

/** Redraw this long after the last keystroke (the issue asks for the graph within 150 ms). */
export const REDRAW_DELAY_MS = 90;

export interface LiveGraphState {
  /** What the graph view draws: the latest graph without errors (or, before there was one, the latest). */
  graph: WorkflowGraph;
  /** The graph of the current code, errors and all (its diagnostics feed the editor's gutter). */
  latest: WorkflowGraph;
  /** Error diagnostics of the current code, shown above the graph. */
  errors: Diagnostic[];
  /** `graph` is older than the code: the current code has errors and the last good drawing stays up. */
  stale: boolean;
  /** Whether `graph` was read without errors. */
  good: boolean;
}

export type LiveGraphAction =
  /** The graph of the code after an edit. */
  | { type: "analysed"; graph: WorkflowGraph }
  /** New content was loaded (another workflow, a draft, the server's version): forget the old drawing. */
  | { type: "loaded"; graph: WorkflowGraph };

export function errorsOf(graph: WorkflowGraph): Diagnostic[] {
  return graph.diagnostics.filter((d) => d.severity === "error");
}

export function initLiveGraph(graph: WorkflowGraph): LiveGraphState {
  const errors = errorsOf(graph);
  return { graph, latest: graph, errors, stale: false, good: errors.length === 0 };
}

export function liveGraphReducer(state: LiveGraphState, action: LiveGraphAction): LiveGraphState {
  if (action.type === "loaded") return initLiveGraph(action.graph);
  const errors = errorsOf(action.graph);
  if (errors.length === 0) return { graph: action.graph, latest: action.graph, errors, stale: false, good: true };
  if (state.good) return { graph: state.graph, latest: action.graph, errors, stale: true, good: true };
  // No good drawing yet: the partial graph of what parses is better than nothing.
  return { graph: action.graph, latest: action.graph, errors, stale: false, good: false };
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Debouncer {
  /** Runs `fn` `delay` ms after the last call to schedule. */
  schedule(): void;
  /** Runs a pending call now (nothing when none is pending). */
  flush(): void;
  cancel(): void;
  readonly pending: boolean;
}

export function createDebouncer(fn: () => void, delay: number, timers: Timers = realTimers): Debouncer {
  let handle: unknown = null;
  const run = () => {
    handle = null;
    fn();
  };
  return {
    schedule() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(run, delay);
    },
    flush() {
      if (handle === null) return;
      timers.clearTimeout(handle);
      run();
    },
    cancel() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    get pending() {
      return handle !== null;
    },
  };
}

/** One line per error for the banner: "Line 12: …", at most `max` of them plus a count of the rest. */
export function errorLines(errors: readonly Diagnostic[], max = 3): string[] {
  const lines = errors.slice(0, max).map((d) => `Line ${d.line}: ${d.message}`);
  if (errors.length > max) lines.push(`…and ${errors.length - max} more`);
  return lines;
}
