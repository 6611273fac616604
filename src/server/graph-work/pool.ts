/**
 * A small pool of worker threads that run tasks with a deadline, so that work of unknown cost never runs on the
 * event loop's thread and never runs for longer than its budget:
 *
 * - a task waits for a free thread at most `maxWaitMs` (and at most `maxQueued` tasks wait): past either it is
 *   answered "busy" at once, without running;
 * - a running task that passes `budgetMs` is answered "over-budget", and its thread is stopped (`terminate()`
 *   interrupts even a tight loop) and replaced by a fresh one;
 * - a thread that dies (an exception outside a task, or past its heap limit) fails its task and is replaced.
 *
 * Nothing here knows what the tasks are: see start.ts and worker.ts for the graph work.
 */
import { Worker } from "node:worker_threads";

export interface WorkerRequest<T> {
  id: number;
  task: T;
}

export type WorkerReply =
  | { type: "ready" }
  | { type: "result"; id: number; ok: true; value: unknown }
  | { type: "result"; id: number; ok: false; message: string };

export type PoolOutcome<R> =
  | { status: "done"; value: R; ms: number }
  /** It ran past its budget; its thread was stopped. */
  | { status: "over-budget"; ms: number }
  /** No thread was free within the wait allowed (or too many tasks were waiting): it did not run. */
  | { status: "busy" }
  /** It threw, or its thread died (out of memory, say). */
  | { status: "failed"; message: string };

export interface RunOptions {
  budgetMs: number;
  maxWaitMs: number;
}

export type PoolEvent =
  | { type: "over-budget"; budgetMs: number }
  | { type: "thread-lost"; message: string }
  | { type: "busy"; reason: "queue-full" | "wait" };

export interface PoolOptions {
  /** The worker module (JavaScript: see worker-entry.mjs for the TypeScript one). */
  script: URL;
  size: number;
  maxQueued: number;
  /** Each thread's V8 old space, in MiB. */
  heapMb?: number;
  name?: string;
  onEvent?: (event: PoolEvent) => void;
}

interface Job<T, R> {
  id: number;
  task: T;
  budgetMs: number;
  resolve: (outcome: PoolOutcome<R>) => void;
  settled: boolean;
  waitTimer?: NodeJS.Timeout;
  runTimer?: NodeJS.Timeout;
  started?: number;
}

interface Slot<T, R> {
  worker: Worker;
  ready: boolean;
  retired: boolean;
  job: Job<T, R> | null;
}

/**
 * The flags a worker thread gets: only the harmless ones of this process (module conditions, source maps). Loaders
 * are not carried over (the TypeScript entry registers tsx itself: worker-entry.mjs), nor preloads or V8 flags.
 */
export function workerExecArgv(parentArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < parentArgv.length; i++) {
    const arg = parentArgv[i]!;
    if ((arg === "--conditions" || arg === "-C") && i + 1 < parentArgv.length) kept.push(arg, parentArgv[++i]!);
    else if (arg.startsWith("--conditions=") || arg === "--enable-source-maps") kept.push(arg);
  }
  return kept;
}

export class WorkerPool<T, R> {
  private readonly slots: Slot<T, R>[] = [];
  private readonly queue: Job<T, R>[] = [];
  private nextId = 1;
  private closed = false;
  private startFailures = 0;
  private restarts = 0;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  run(task: T, options: RunOptions): Promise<PoolOutcome<R>> {
    if (this.closed) return Promise.resolve({ status: "busy" });
    if (this.queue.length >= this.options.maxQueued) {
      this.options.onEvent?.({ type: "busy", reason: "queue-full" });
      return Promise.resolve({ status: "busy" });
    }
    return new Promise((resolve) => {
      const job: Job<T, R> = { id: this.nextId++, task, budgetMs: options.budgetMs, resolve, settled: false };
      job.waitTimer = setTimeout(() => {
        const index = this.queue.indexOf(job);
        if (index === -1) return;
        this.queue.splice(index, 1);
        this.options.onEvent?.({ type: "busy", reason: "wait" });
        this.settle(job, { status: "busy" });
      }, options.maxWaitMs);
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Threads, busy threads, waiting tasks and threads replaced so far. */
  stats(): { threads: number; ready: number; busy: number; queued: number; restarts: number } {
    return {
      threads: this.slots.length,
      ready: this.slots.filter((slot) => slot.ready).length,
      busy: this.slots.filter((slot) => slot.job !== null).length,
      queued: this.queue.length,
      restarts: this.restarts,
    };
  }

  /** Resolves once every thread has been started and has loaded its module. */
  async whenReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.slots.some((slot) => !slot.ready)) {
      if (Date.now() > deadline) throw new Error("worker threads did not start in time");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, { status: "busy" });
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.retired = true;
        slot.ready = false;
        if (slot.job) this.settle(slot.job, { status: "busy" });
        slot.job = null;
        await slot.worker.terminate();
      }),
    );
  }

  private settle(job: Job<T, R>, outcome: PoolOutcome<R>): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.waitTimer);
    clearTimeout(job.runTimer);
    job.resolve(outcome);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.retired || slot.job) continue;
      const job = this.queue.shift()!;
      clearTimeout(job.waitTimer);
      slot.job = job;
      job.started = performance.now();
      job.runTimer = setTimeout(() => this.overBudget(slot, job), job.budgetMs);
      slot.worker.postMessage({ id: job.id, task: job.task } satisfies WorkerRequest<T>);
    }
  }

  private overBudget(slot: Slot<T, R>, job: Job<T, R>): void {
    if (slot.job !== job) return;
    slot.job = null;
    this.options.onEvent?.({ type: "over-budget", budgetMs: job.budgetMs });
    this.settle(job, { status: "over-budget", ms: Math.round(performance.now() - job.started!) });
    this.retire(slot);
    void slot.worker.terminate();
  }

  private spawn(): Slot<T, R> {
    const worker = new Worker(this.options.script, {
      execArgv: workerExecArgv(),
      name: this.options.name,
      ...(this.options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } } : {}),
    });
    // A pool never keeps the process alive by itself; a task being awaited keeps its request (and timers) going.
    worker.unref();
    const slot: Slot<T, R> = { worker, ready: false, retired: false, job: null };
    worker.on("message", (reply: WorkerReply) => {
      if (slot.retired) return;
      if (reply.type === "ready") {
        slot.ready = true;
        this.startFailures = 0;
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      const ms = Math.round(performance.now() - job.started!);
      this.settle(job, reply.ok ? { status: "done", value: reply.value as R, ms } : { status: "failed", message: reply.message });
      this.dispatch();
    });
    worker.on("error", (error) => this.lost(slot, error.message));
    worker.on("exit", (code) => this.lost(slot, `the thread exited (code ${code})`));
    return slot;
  }

  private lost(slot: Slot<T, R>, message: string): void {
    if (slot.retired) return;
    if (!slot.ready) this.startFailures++;
    const job = slot.job;
    slot.job = null;
    this.options.onEvent?.({ type: "thread-lost", message });
    if (job) this.settle(job, { status: "failed", message });
    this.retire(slot);
  }

  /** Takes a thread out of service and starts its replacement (at once, or later after repeated start failures). */
  private retire(slot: Slot<T, R>): void {
    slot.retired = true;
    slot.ready = false;
    if (this.closed) return;
    this.restarts++;
    const replace = () => {
      if (this.closed) return;
      const index = this.slots.indexOf(slot);
      if (index !== -1) this.slots[index] = this.spawn();
    };
    if (this.startFailures === 0) replace();
    else setTimeout(replace, Math.min(5_000, 100 * 2 ** this.startFailures)).unref();
  }
}
