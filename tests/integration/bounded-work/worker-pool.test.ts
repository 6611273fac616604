/**
 * Issue 12, section 1: graph work runs on worker threads with a deadline, so the event loop never waits for it.
 * The pool is tested with a worker that spins (work of any cost, under our control), then the real graph threads
 * (src/server/graph-work/start.ts, loaded through tsx as `npm start` loads them) stop a save's summary at its budget
 * while the server keeps answering, and the save still stores the workflow.
 *
 * The event-loop assertions allow 400 ms where the design aims at under 100 ms: this machine is shared and loaded (and
 * other test files run beside this one), and a stall would show as the whole task's time — seconds for the 500 KiB
 * script inline, forever for the task that never ends — not as a few hundred milliseconds. The system test holds
 * the server to the figure (every health probe within 500 ms).
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type PoolOutcome, WorkerPool } from "../../../src/server/graph-work/pool";
import { setGraphWork } from "../../../src/server/graph-work/registry";
import { type GraphWorkers, startGraphWorkers } from "../../../src/server/graph-work/start";
import { requestLimits } from "../../../src/server/limits";
import { summariseCode } from "../../../src/server/workflows/summary";
import { bearer, signUp } from "../../helpers/api-session";
import { setupTestDatabase } from "../../helpers/db";
import { watchEventLoop } from "../../helpers/event-loop";
import { bigAirflowScript, denseAirflowScript } from "../../helpers/heavy-scripts";
import { setupTestServer } from "../../helpers/http-server";

// Before anything reads the configuration (it is read on first use): a 100 ms budget, the least allowed; one thread.
vi.stubEnv("GRAPH_TIME_BUDGET_MS", "100");
vi.stubEnv("GRAPH_WORKERS", "1");

const STALL_MS = 400;
const SPIN_WORKER = new URL("../../helpers/spin-worker.mjs", import.meta.url);

interface SpinTask {
  spinMs?: number | null;
  exit?: boolean;
  allocate?: boolean;
  echo?: string;
}
type SpinResult = { turns: boolean; echo: string | null };

const pools: WorkerPool<SpinTask, SpinResult>[] = [];

async function spinPool(options: { size?: number; maxQueued?: number; heapMb?: number } = {}) {
  const pool = new WorkerPool<SpinTask, SpinResult>({ script: SPIN_WORKER, size: options.size ?? 1, maxQueued: options.maxQueued ?? 8, heapMb: options.heapMb });
  pools.push(pool);
  await pool.whenReady();
  return pool;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe("the worker pool", () => {
  it("stops a task that runs forever at its budget, while the event loop runs on, and replaces its thread", async () => {
    const pool = await spinPool();
    const loop = watchEventLoop();
    const started = performance.now();
    const outcome = await pool.run({ spinMs: null }, { budgetMs: 400, maxWaitMs: 1_000 });
    const elapsed = performance.now() - started;
    expect(outcome.status).toBe("over-budget");
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(2_000);
    expect(loop.stop().maxGapMs).toBeLessThan(STALL_MS);
    // The next task runs on a fresh thread.
    expect(await pool.run({ spinMs: 0, echo: "next" }, { budgetMs: 5_000, maxWaitMs: 10_000 })).toMatchObject({
      status: "done",
      value: { echo: "next" },
    });
    expect(pool.stats()).toMatchObject({ threads: 1, restarts: 1 });
  });

  it("answers busy when no thread frees up within the wait, and at once when too many tasks wait", async () => {
    const pool = await spinPool({ size: 1, maxQueued: 1 });
    const running = pool.run({ spinMs: 1_500 }, { budgetMs: 5_000, maxWaitMs: 1_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    let started = performance.now();
    expect(await pool.run({ spinMs: 0 }, { budgetMs: 1_000, maxWaitMs: 150 })).toEqual({ status: "busy" });
    expect(performance.now() - started).toBeLessThan(1_000);
    const waiting = pool.run({ spinMs: 0, echo: "waited" }, { budgetMs: 1_000, maxWaitMs: 10_000 });
    started = performance.now();
    expect(await pool.run({ spinMs: 0 }, { budgetMs: 1_000, maxWaitMs: 10_000 })).toEqual({ status: "busy" });
    expect(performance.now() - started).toBeLessThan(100);
    expect((await running).status).toBe("done");
    expect(await waiting).toMatchObject({ status: "done", value: { echo: "waited" } });
  });

  it("fails the task of a thread that dies, and serves the next one on a fresh thread", async () => {
    const pool = await spinPool();
    expect(await pool.run({ exit: true }, { budgetMs: 5_000, maxWaitMs: 1_000 })).toMatchObject({ status: "failed" });
    expect(await pool.run({ spinMs: 0, echo: "after" }, { budgetMs: 5_000, maxWaitMs: 10_000 })).toMatchObject({
      status: "done",
      value: { echo: "after" },
    });
  });

  it("stops a task that needs more memory than a thread may have, not the process", async () => {
    const pool = await spinPool({ heapMb: 32 });
    const loop = watchEventLoop();
    const outcome: PoolOutcome<SpinResult> = await pool.run({ allocate: true }, { budgetMs: 30_000, maxWaitMs: 1_000 });
    expect(outcome.status).toBe("failed");
    expect(loop.stop().maxGapMs).toBeLessThan(STALL_MS);
    expect((await pool.run({ spinMs: 0 }, { budgetMs: 5_000, maxWaitMs: 10_000 })).status).toBe("done");
  });
});

describe("the server's graph threads", () => {
  const db = setupTestDatabase();
  const baseUrl = setupTestServer();
  let workers: GraphWorkers;

  beforeAll(async () => {
    workers = startGraphWorkers(requestLimits().graph);
    await workers.pool.whenReady(60_000);
  }, 90_000);

  afterAll(async () => {
    setGraphWork(undefined);
    await workers.close();
  });

  it.runIf(process.platform === "linux")("run at a lower priority than the event loop's thread (nice 10)", () => {
    const niceOf = (task: string) => {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    };
    const nice = readdirSync("/proc/self/task").map(niceOf);
    expect(niceOf(String(process.pid))).toBe(0);
    expect(nice.filter((value) => value === 10)).toHaveLength(workers.pool.stats().threads);
  });

  it("run the visualizer off the event loop", async () => {
    const outcome = await workers.run({ kind: "visualize", code: denseAirflowScript(), send: { maxNodes: 100, maxEdges: 5_000 } }, { budgetMs: 20_000, maxWaitMs: 20_000 });
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done" || outcome.value.kind !== "visualize") return;
    expect(outcome.value.counts).toEqual({ dialect: "airflow", nodes: 80, edges: 1990 });
    expect(outcome.value.graph?.edges).toHaveLength(1990);
  });

  it("stop a summary at the budget while the event loop runs on, and a save still stores the workflow, its counts unknown", async () => {
    const code = bigAirflowScript(500 * 1024); // 500 KiB of joins: no visualizer reads that in 100 ms
    const loop = watchEventLoop();
    const summary = await summariseCode(code);
    expect(loop.stop().maxGapMs).toBeLessThan(STALL_MS);
    expect(summary).toMatchObject({ codeBytes: Buffer.byteLength(code), dialect: "unknown", nodeCount: -1, edgeCount: -1 });
    expect(workers.pool.stats().restarts).toBeGreaterThanOrEqual(1);

    // Through HTTP (the embedded database of this test runs on this thread, so the loop is not watched here: the
    // system test watches the whole server on PostgreSQL).
    await db().prisma.rateLimit.deleteMany();
    const me = await signUp(baseUrl());
    const save = (name: string, body: string) =>
      fetch(`${baseUrl()}/api/workflows`, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(me.accessToken) },
        body: JSON.stringify({ name, code: body }),
      });
    const huge = await save("huge", code);
    expect(huge.status).toBe(201);
    expect((await huge.json()).graph).toEqual({ dialect: "unknown", nodes: null, edges: null });
    // A small script, on a replaced thread, is read: through the server's own pool, with a budget any machine meets.
    // Not through a save under this file's 100 ms budget: a fresh thread at nice 10 on a loaded machine may not
    // finish even this in 100 ms (its first task loads and compiles the reader; 63–766 ms were seen here), and the
    // save then rightly stores unknown counts. That a finished summary's counts are stored with the save is
    // graph-bounds.test.ts's to show; how fast a small script is read is a figure for a benchmark, not a test.
    await workers.pool.whenReady(60_000);
    const small = await workers.run(
      { kind: "visualize", code: "from prefect import flow, task\n\n@task\ndef a():\n    return 1\n\n@flow\ndef f():\n    a()\n", send: null },
      { budgetMs: 20_000, maxWaitMs: 20_000 },
    );
    expect(small).toMatchObject({ status: "done", value: { kind: "visualize", counts: { dialect: "prefect", nodes: expect.any(Number), edges: expect.any(Number) } } });
  });
});
