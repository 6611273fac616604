"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/** Longest the loading state stays up (a drawing whose edges are all hidden, say): then the graph shows anyway. */
const MAX_WAIT_MS = 1500;

/**
 * Covers the graph with "Drawing the graph…" until the browser has drawn its edges. The server's HTML places the
 * nodes, but React Flow draws edges only once it has measured the nodes in the browser: a slow network would
 * otherwise show a graph without edges. Without JavaScript the server's drawing shows as it is.
 */
export function GraphLoading({ edges, children }: { edges: number; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready) return;
    const start = performance.now();
    let frame = 0;
    const check = () => {
      const drawn = ref.current?.querySelector(".react-flow__edge") != null;
      if (edges === 0 || drawn || performance.now() - start > MAX_WAIT_MS) setReady(true);
      else frame = requestAnimationFrame(check);
    };
    frame = requestAnimationFrame(check);
    return () => cancelAnimationFrame(frame);
  }, [ready, edges]);
  return (
    <div ref={ref} className="relative h-full" data-graph-ready={ready || undefined}>
      <div className={`h-full ${ready ? "" : "invisible"}`} data-graph-drawing>
        {children}
      </div>
      {ready ? null : (
        <div data-graph-spinner className="absolute inset-0 flex items-center justify-center">
          <p role="status" className="flex items-center gap-2 text-sm font-medium text-slate-600 dark:text-slate-300">
            <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" />
            Drawing the graph…
          </p>
        </div>
      )}
      <noscript>
        <style>{"[data-graph-drawing]{visibility:visible!important}[data-graph-spinner]{display:none!important}"}</style>
      </noscript>
    </div>
  );
}
