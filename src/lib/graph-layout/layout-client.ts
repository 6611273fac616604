import { lazyModule } from "~/lib/lazy";
import type { WorkflowGraph } from "~/lib/visualizer/types";
import type { layoutGraph } from "./layout";
import type { LayoutRequest, LayoutResponse } from "./protocol";
import { structureKey } from "./structure-key";
import type { LayoutDirection, LayoutResult } from "./types";

/**
 * The layout code itself runs in the worker; the page loads it only to lay out inline (no worker, or it failed), so it
 * is not in the editor's first load (docs/decisions/083).
 */
const loadInlineLayout = lazyModule(async () => (await import("./layout")).layoutGraph);

/** The part of `Worker` the client uses (so tests can pass a fake). */
export interface LayoutWorkerLike {
  postMessage(message: LayoutRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<LayoutResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface LayoutClientOptions {
  /** Returns a worker, or null to lay out inline. Default: the module worker when `Worker` exists. */
  createWorker?: () => LayoutWorkerLike | null;
  /** The inline layout (default `layoutGraph`, loaded on first use); injectable for tests. */
  layout?: typeof layoutGraph;
}

export interface LayoutClient {
  /**
   * Lays out `graph`. Resolves with the result, or with `null` when a newer request was
   * made meanwhile (stale results are dropped). When the structure did not change since
   * `previous`, resolves with the previous positions without posting anything.
   */
  layout(graph: WorkflowGraph, direction: LayoutDirection, previous?: LayoutResult | null): Promise<LayoutResult | null>;
  dispose(): void;
}

function defaultCreateWorker(): LayoutWorkerLike | null {
  if (typeof Worker === "undefined") return null;
  try {
    return new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" }) as unknown as LayoutWorkerLike;
  } catch {
    return null;
  }
}

export function createLayoutClient(options: LayoutClientOptions = {}): LayoutClient {
  const inlineLayout = options.layout;
  let worker: LayoutWorkerLike | null | undefined; // undefined = not created yet
  let latest = 0;
  const pending = new Map<number, { resolve: (r: LayoutResult | null) => void; request: LayoutRequest }>();

  const runInline = async (request: LayoutRequest): Promise<LayoutResult> =>
    (inlineLayout ?? (await loadInlineLayout()))(request.graph, { direction: request.direction, previous: request.previous });

  const settle = (id: number, result: LayoutResult | null) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    entry.resolve(id === latest ? result : null);
  };

  const getWorker = (): LayoutWorkerLike | null => {
    if (worker !== undefined) return worker;
    worker = (options.createWorker ?? defaultCreateWorker)();
    if (worker) {
      worker.onmessage = (event) => {
        const data = event.data;
        if ("result" in data) settle(data.id, data.result);
        else {
          // A layout error in the worker: retry inline so the drawing still appears.
          const entry = pending.get(data.id);
          if (entry && data.id === latest) void safeInline(entry.request).then((result) => settle(data.id, result));
          else settle(data.id, null);
        }
      };
      worker.onerror = () => {
        // The worker could not load or crashed: lay out inline from now on.
        const failed = worker;
        worker = null;
        failed?.terminate();
        for (const [id, entry] of [...pending]) {
          if (id === latest) void safeInline(entry.request).then((result) => settle(id, result));
          else settle(id, null);
        }
      };
    }
    return worker;
  };

  const safeInline = (request: LayoutRequest): Promise<LayoutResult | null> => runInline(request).catch(() => null);

  return {
    layout(graph, direction, previous = null) {
      const id = ++latest;
      // Superseded requests resolve now with null.
      for (const [oldId] of [...pending]) settle(oldId, null);
      if (previous && previous.direction === direction && previous.structureKey === structureKey(graph)) {
        return Promise.resolve(previous);
      }
      const request: LayoutRequest = { id, graph, direction, previous };
      const w = getWorker();
      if (!w) {
        return new Promise((resolve, reject) => {
          // Yield first, so a burst of calls lays out only the last graph.
          queueMicrotask(() => {
            if (id !== latest) return resolve(null);
            runInline(request).then((result) => resolve(id === latest ? result : null), reject);
          });
        });
      }
      return new Promise((resolve) => {
        pending.set(id, { resolve, request });
        w.postMessage(request);
      });
    },
    dispose() {
      for (const [id] of [...pending]) settle(id, null);
      latest++;
      worker?.terminate();
      worker = null;
    },
  };
}
