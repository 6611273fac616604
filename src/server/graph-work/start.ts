/**
 * Starts the graph worker threads for the server (main.ts) and registers them, so every visualize and layout a
 * request asks for runs off the event loop with a deadline (docs/decisions/035).
 */
import { log } from "../log";
import type { RequestLimits } from "../limits";
import { WorkerPool } from "./pool";
import { type GraphWork, setGraphWork } from "./registry";
import type { GraphTask, GraphTaskResult } from "./tasks";

/** The worker module beside this one: worker.ts through its tsx entry, or worker.js once the server is compiled. */
function workerScript(): URL {
  const self = new URL(import.meta.url);
  return new URL(self.pathname.endsWith(".ts") ? "./worker-entry.mjs" : "./worker.js", self);
}

export interface GraphWorkers extends GraphWork {
  pool: WorkerPool<GraphTask, GraphTaskResult>;
  close(): Promise<void>;
}

export function startGraphWorkers(limits: RequestLimits["graph"]): GraphWorkers {
  const pool = new WorkerPool<GraphTask, GraphTaskResult>({
    script: workerScript(),
    size: limits.workers,
    maxQueued: limits.maxQueued,
    heapMb: limits.workerHeapMb,
    name: "graph-work",
    onEvent: (event) => {
      if (event.type === "over-budget") log.warn({ budgetMs: event.budgetMs }, "graph work ran past its time budget: its thread was stopped");
      else if (event.type === "thread-lost") log.warn({ reason: event.message }, "a graph worker thread was lost and is replaced");
      else log.warn({ reason: event.reason }, "graph work refused: every worker thread is busy");
    },
  });
  const workers: GraphWorkers = {
    pool,
    run: (task, options) => pool.run(task, options),
    // Closed, the pool answers "busy": nothing falls back to running inline while the server stops.
    close: () => pool.close(),
  };
  setGraphWork(workers);
  return workers;
}
