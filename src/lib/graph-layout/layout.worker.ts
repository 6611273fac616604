/**
 * Module Web Worker running the layout off the main thread. Created by layout-client.ts
 * with `new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" })`,
 * which webpack and Turbopack bundle as a separate chunk.
 */
import { layoutGraph } from "./layout";
import type { LayoutRequest, LayoutResponse } from "./protocol";

interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, graph, direction, previous } = event.data;
  let response: LayoutResponse;
  try {
    response = { id, result: layoutGraph(graph, { direction, previous }) };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response);
};
