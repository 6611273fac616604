"use client";

import { useEffect, useRef, useState } from "react";
import { createLayoutClient, type LayoutClient } from "~/lib/graph-layout/layout-client";
import { structureKey } from "~/lib/graph-layout/structure-key";
import type { LayoutDirection, LayoutResult } from "~/lib/graph-layout/types";
import type { WorkflowGraph } from "~/lib/visualizer/types";

/**
 * Lays out `graph` in the layout worker whenever its structure or the direction changes;
 * edits that keep the structure (labels, source ranges) cost one `structureKey` and no
 * layout. The previous result is passed along so unchanged nodes keep their place.
 */
export function useGraphLayout(
  graph: WorkflowGraph,
  direction: LayoutDirection,
  /** A layout computed elsewhere (on the server) for the first drawing, so it needs no round trip to the worker. */
  initialLayout: LayoutResult | null = null,
): { layout: LayoutResult | null; pending: boolean } {
  const clientRef = useRef<LayoutClient | null>(null);
  const previousRef = useRef<LayoutResult | null>(initialLayout);
  const [layout, setLayout] = useState<LayoutResult | null>(initialLayout);
  const key = structureKey(graph);
  // The latest graph, read by the layout effect (which runs only on structure changes).
  const graphRef = useRef(graph);
  useEffect(() => {
    graphRef.current = graph;
  });

  useEffect(() => {
    const client = createLayoutClient();
    clientRef.current = client;
    return () => {
      client.dispose();
      clientRef.current = null;
    };
  }, []);

  useEffect(() => {
    const client = clientRef.current;
    if (!client) return;
    let cancelled = false;
    client
      .layout(graphRef.current, direction, previousRef.current)
      .then((result) => {
        if (cancelled || !result) return;
        previousRef.current = result;
        setLayout(result);
      })
      .catch(() => {
        // The inline fallback failed too: keep the last drawing.
      });
    return () => {
      cancelled = true;
    };
  }, [key, direction]);

  const pending = layout === null || layout.structureKey !== key || layout.direction !== direction;
  return { layout, pending };
}
