/**
 * A graph worker thread (started by pool.ts through start.ts): runs one GraphTask per message and posts the result.
 * It may be stopped at any moment by its pool when a task runs past its time budget; it keeps no state.
 */
import { parentPort } from "node:worker_threads";
import type { WorkerReply, WorkerRequest } from "./pool";
import { type GraphTask, runGraphTask } from "./tasks";

const port = parentPort;
if (!port) throw new Error("graph-work/worker.ts runs as a worker thread");

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
