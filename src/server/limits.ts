/**
 * Every bound on the work one request may cause, in one place (docs/security/bounded-work.md). The request path
 * (src/server/main.ts, src/server/http/*, src/server/api/trpc-request.ts) and the graph work
 * (src/server/graph-work/*) read their numbers from here; nothing else invents a limit of its own.
 */
import type { ServerOptions } from "node:http";
import { TRPC_MAX_BATCH_CALLS, TRPC_MAX_HEAVY_CALLS_PER_BATCH } from "~/lib/api-limits";
import { MAX_WORKFLOW_BODY_BYTES } from "~/lib/validation/workflow";
import { type AppConfig, getConfig } from "./config";
import type { GraphBound } from "./graph-work/tasks";

export interface RequestLimits {
  /** tRPC: calls per batch, and calls of heavy procedures per batch (src/lib/api-limits.ts). */
  batch: { maxCalls: number; maxHeavyCalls: number };
  /** The whole request must have arrived within this (Node's `requestTimeout`, plus a margin). */
  requestTimeoutMs: number;
  /** The request line and headers must have arrived within this (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /** A route handler stops reading a body that has not fully arrived this long after it began reading (408). */
  bodyReadMs: number;
  /**
   * A refused request's body still arriving is read and discarded up to this many more bytes (within `bodyReadMs`)
   * before the refusal is sent, so that the client reads the 4xx instead of a reset; past it the answer goes at once
   * and the connection is closed (src/server/http/read-body.ts, `discardUnreadBody`).
   */
  refusedBodyDrainBytes: number;
  graph: {
    /** The API answers a graph up to this size; past it, 422 with the counts. */
    api: GraphBound;
    /** The server lays out the editor's first paint up to this size; past it, the browser's worker does. */
    firstPaint: GraphBound;
    /** How long one visualize or layout may run on a worker thread before the thread is stopped. */
    budgetMs: number;
    /** The editor page waits at most this long for its first paint (visualize, then layout) before shipping less. */
    firstPaintBudgetMs: number;
    /** How long a task may wait for a free worker thread before it is refused as busy. */
    maxWaitMs: number;
    /** Tasks waiting for a worker thread, at most; past it they are refused at once as busy. */
    maxQueued: number;
    /** Worker threads. */
    workers: number;
    /** A worker thread's V8 old space, in MiB: a task that needs more is stopped, not the server. */
    workerHeapMb: number;
  };
}

/** The largest JSON body a route reads: a tRPC batch holding one full-size save and a few small calls. */
export const MAX_TRPC_BODY_BYTES = MAX_WORKFLOW_BODY_BYTES + 64 * 1024;

export function limitsFrom(config: Pick<AppConfig, "REQUEST_TIMEOUT_MS" | "GRAPH_WORKERS" | "GRAPH_TIME_BUDGET_MS">): RequestLimits {
  const budgetMs = config.GRAPH_TIME_BUDGET_MS;
  return {
    batch: { maxCalls: TRPC_MAX_BATCH_CALLS, maxHeavyCalls: TRPC_MAX_HEAVY_CALLS_PER_BATCH },
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS + 5_000,
    headersTimeoutMs: Math.min(10_000, config.REQUEST_TIMEOUT_MS),
    bodyReadMs: config.REQUEST_TIMEOUT_MS,
    // The largest JSON body a route reads anyway: no new kind of work.
    refusedBodyDrainBytes: MAX_TRPC_BODY_BYTES,
    graph: {
      api: { maxNodes: 2_000, maxEdges: 5_000 },
      firstPaint: { maxNodes: 400, maxEdges: 1_000 },
      budgetMs,
      firstPaintBudgetMs: Math.min(1_500, budgetMs),
      maxWaitMs: Math.max(2_000, budgetMs),
      maxQueued: 64,
      workers: config.GRAPH_WORKERS,
      workerHeapMb: 256,
    },
  };
}

/** The limits of this process, from its configuration. */
export function requestLimits(): RequestLimits {
  return limitsFrom(getConfig());
}

/**
 * The HTTP server's own cuts: a request (line, headers and body) dripped a byte at a time loses its connection —
 * the headers within `headersTimeoutMs`, the whole request within `requestTimeoutMs` (route handlers stop reading a
 * body sooner and answer 408 in the one shape: src/server/http/read-body.ts). Node checks every second, not every 30.
 */
export function httpServerOptions(limits: RequestLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: 1_000,
  };
}
