/**
 * A graph worker thread (started by pool.ts through start.ts): runs one GraphTask per message and posts the result.
 * It may be stopped at any moment by its pool when a task runs past its time budget; it keeps no state.
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import type { WorkerReply, WorkerRequest } from "./pool";
import { type GraphTask, runGraphTask } from "./tasks";

const port = parentPort;
if (!port) throw new Error("graph-work/worker.ts runs as a worker thread");

/**
 * On Linux, gives this thread (not the process) a lower scheduling priority, so that on a busy machine the thread
 * that answers requests gets the CPU first and graph work takes what is left. Elsewhere, or when not allowed: as is.
 */
function yieldToTheEventLoop(): void {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, 10);
  } catch {
    // not Linux, or not permitted: the thread keeps the process's priority
  }
}

yieldToTheEventLoop();

port.on("message", (message: WorkerRequest<GraphTask>) => {
  let reply: WorkerReply;
  try {
    reply = { type: "result", id: message.id, ok: true, value: runGraphTask(message.task) };
  } catch (error) {
    reply = { type: "result", id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});

port.postMessage({ type: "ready" } satisfies WorkerReply);
