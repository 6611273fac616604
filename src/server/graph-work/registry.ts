/**
 * How request code reaches the graph work: through a small interface registered on `globalThis` by the server
 * (main.ts → start.ts, worker threads with deadlines), so that Next's bundled route handlers and server components
 * find the pool the server started. Where none is registered (unit and integration tests, scripts) the work runs
 * inline: the size bounds still hold (tasks.ts), the time budget does not — no server runs without the pool.
 */
import type { PoolOutcome, RunOptions } from "./pool";
import { type GraphTask, type GraphTaskResult, runGraphTask } from "./tasks";

export interface GraphWork {
  /** Runs one task within its budget: worker threads in the server, inline elsewhere. */
  run(task: GraphTask, options: RunOptions): Promise<PoolOutcome<GraphTaskResult>>;
}

const globalForGraphWork = globalThis as unknown as { __workflowStudioGraphWork?: GraphWork };

export function setGraphWork(work: GraphWork | undefined): void {
  globalForGraphWork.__workflowStudioGraphWork = work;
}

/** The inline runner: the same task functions on the calling thread, without a time budget. */
export const inlineGraphWork: GraphWork = {
  async run(task) {
    const started = performance.now();
    try {
      const value = runGraphTask(task);
      return { status: "done", value, ms: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: "failed", message: error instanceof Error ? error.message : String(error) };
    }
  },
};

export function graphWork(): GraphWork {
  return globalForGraphWork.__workflowStudioGraphWork ?? inlineGraphWork;
}
