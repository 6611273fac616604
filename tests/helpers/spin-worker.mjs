// A worker for the pool's tests, speaking the pool's protocol (src/server/graph-work/pool.ts): it spins for
// `spinMs` (forever when null) — work the event loop's thread must never wait for — or dies in the ways a thread can.
import { parentPort } from "node:worker_threads";

parentPort.on("message", ({ id, task }) => {
  if (task.exit) process.exit(3); // in a worker thread, ends the thread only
  if (task.allocate) {
    const hoard = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  const until = task.spinMs === null ? Infinity : Date.now() + task.spinMs;
  let turns = 0;
  while (Date.now() < until) turns++;
  parentPort.postMessage({ type: "result", id, ok: true, value: { turns: turns > 0, echo: task.echo ?? null } });
});

parentPort.postMessage({ type: "ready" });
