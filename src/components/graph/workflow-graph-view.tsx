"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type NodeMouseHandler,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from "react";
import { collapseGroups } from "~/lib/graph-layout/collapse";
import { svgSize, toSvg } from "~/lib/graph-layout/export-svg";
import type { LayoutDirection, LayoutResult } from "~/lib/graph-layout/types";
import { toMermaid } from "~/lib/visualizer/export-mermaid";
import type { SourceSpan, WorkflowGraph } from "~/lib/visualizer/types";
import { downloadBlob, downloadText, svgToPngBlob } from "./download";
import { GraphActionsContext, type GraphActions } from "./graph-context";
import { nodeTypes } from "./graph-nodes";
import { GraphToolbar } from "./graph-toolbar";
import { findNodes, toFlowElements, visibleNodeFor, type FlowNode } from "./to-flow-elements";
import { useGraphLayout } from "./use-graph-layout";

export interface WorkflowGraphViewProps {
  graph: WorkflowGraph;
  /** Called with the node's `definition ?? source` when a node is clicked (or Enter is pressed on it). */
  onSelectSource?: (span: SourceSpan) => void;
  /** The node under the editor's cursor. */
  highlightedNodeId?: string | null;
  initialDirection?: LayoutDirection;
  /** File name (without extension) of exports. */
  exportName?: string;
  className?: string;
  /**
   * The layout of `graph` (all groups expanded) in `initialDirection`, computed on the server: the first paint
   * then shows the drawing instead of an empty canvas while the layout worker starts.
   */
  initialLayout?: LayoutResult | null;
  /** Shown instead of "Nothing to draw yet." when the graph has no node. */
  emptyState?: ReactNode;
}

/** Colours shared by edges, edge labels and the minimap, switched by the system colour scheme. */
const THEME_VARS =
  "[--wf-bg:#ffffff] [--wf-text:#0f172a] [--wf-edge:#64748b] [--wf-edge-data:#0369a1] [--wf-edge-conditional:#b45309] " +
  "dark:[--wf-bg:#0f172a] dark:[--wf-text:#e2e8f0] dark:[--wf-edge:#94a3b8] dark:[--wf-edge-data:#38bdf8] dark:[--wf-edge-conditional:#fbbf24] " +
  // React Flow's own surfaces in the app's slate palette (its defaults are neutral greys).
  "[--xy-background-color:#ffffff] [--xy-background-pattern-dots-color:#cbd5e1] [--xy-minimap-background-color:#f8fafc] " +
  "[--xy-controls-button-background-color:#ffffff] [--xy-controls-button-border-color:#e2e8f0] [--xy-controls-button-color:#334155] " +
  "dark:[--xy-background-color:#020617] dark:[--xy-background-pattern-dots-color:#334155] dark:[--xy-minimap-background-color:#0f172a] " +
  "dark:[--xy-minimap-mask-background-color:rgb(2_6_23/0.6)] dark:[--xy-controls-button-background-color:#0f172a] " +
  "dark:[--xy-controls-button-background-color-hover:#1e293b] dark:[--xy-controls-button-border-color:#1e293b] " +
  "dark:[--xy-controls-button-color:#cbd5e1] dark:[--xy-controls-button-color-hover:#ffffff] dark:[--xy-attribution-background-color:rgb(2_6_23/0.5)]";

const MINIMAP_COLORS: Record<string, string> = {
  step: "#64748b",
  start: "#16a34a",
  end: "#dc2626",
  dataset: "#0284c7",
  group: "#94a3b833",
};

/**
 * Draws a WorkflowGraph with React Flow: layered layout computed in a Web Worker
 * (top-to-bottom, or left-to-right), group frames that collapse, search, minimap, zoom
 * controls, and PNG / SVG / Mermaid export.
 */
export function WorkflowGraphView(props: WorkflowGraphViewProps) {
  // With a layout from the server, the store starts with the nodes placed (and fitted to a guessed size), so the
  // server-rendered HTML already draws the graph; the client fits it to the real size once mounted.
  const [initial] = useState(() => (props.initialLayout ? toFlowElements(props.graph, props.initialLayout) : null));
  return (
    <ReactFlowProvider
      {...(initial
        ? {
            initialNodes: initial.nodes,
            initialEdges: initial.edges,
            initialWidth: SSR_SIZE.width,
            initialHeight: SSR_SIZE.height,
            fitView: true,
            initialMinZoom: MIN_ZOOM,
            initialMaxZoom: MAX_ZOOM,
            initialFitViewOptions: { padding: 0.1 },
          }
        : {})}
    >
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

/** The canvas size assumed when fitting the server-rendered drawing (about the editor's graph panel). */
const SSR_SIZE = { width: 720, height: 640 };
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2.5;

function prefersDark(): boolean {
  return typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches === true;
}

function subscribeColorScheme(onChange: () => void): () => void {
  const query = typeof window !== "undefined" ? window.matchMedia?.("(prefers-color-scheme: dark)") : undefined;
  query?.addEventListener("change", onChange);
  return () => query?.removeEventListener("change", onChange);
}

/**
 * The system's colour scheme, "light" on the server and while hydrating. React Flow's own `colorMode="system"`
 * reads the media query during the hydrating render, so a server-rendered canvas kept its "light" class in dark
 * mode (React does not patch attributes that differ at hydration); this switches after hydration instead.
 */
function useColorMode(): "light" | "dark" {
  return useSyncExternalStore(subscribeColorScheme, () => (prefersDark() ? "dark" : "light"), () => "light");
}

function GraphCanvas({
  graph,
  onSelectSource,
  highlightedNodeId = null,
  initialDirection = "TB",
  exportName = "workflow",
  className = "",
  initialLayout = null,
  emptyState,
}: WorkflowGraphViewProps) {
  const flow = useReactFlow<FlowNode>();
  const colorMode = useColorMode();
  const [direction, setDirection] = useState<LayoutDirection>(initialDirection);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [query, setQuery] = useState("");
  const [matchIndex, setMatchIndex] = useState(0);
  const [message, setMessage] = useState("");

  const visible = useMemo(() => collapseGroups(graph, collapsed), [graph, collapsed]);
  const { layout, pending } = useGraphLayout(visible, direction, initialLayout);

  const matches = useMemo(() => findNodes(graph, query), [graph, query]);
  const current = matches.length > 0 ? (matches[matchIndex % matches.length] ?? null) : null;
  const matchedNodeId = current ? visibleNodeFor(graph, current, collapsed) : null;
  const highlighted = highlightedNodeId ? visibleNodeFor(graph, highlightedNodeId, collapsed) : null;

  const { nodes, edges } = useMemo(
    () => toFlowElements(graph, layout, { collapsed, highlightedNodeId: highlighted, matchedNodeId }),
    [graph, layout, collapsed, highlighted, matchedNodeId],
  );

  // Fit the drawing on the first layout and after a direction change.
  const fittedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!layout || fittedFor.current === layout.direction) return;
    fittedFor.current = layout.direction;
    const frame = requestAnimationFrame(() => void flow.fitView({ padding: 0.1, duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [layout, flow]);

  const centerOn = useCallback(
    (id: string | null, current: LayoutResult | null) => {
      const box = id && current ? current.nodes[visibleNodeFor(graph, id, collapsed)] : undefined;
      if (!box) return;
      void flow.setCenter(box.x + box.width / 2, box.y + box.height / 2, {
        zoom: Math.max(flow.getZoom(), 1),
        duration: 300,
      });
    },
    [flow, graph, collapsed],
  );

  const onQueryChange = (value: string) => {
    setQuery(value);
    setMatchIndex(0);
    centerOn(findNodes(graph, value)[0] ?? null, layout);
  };
  const onFindNext = () => {
    if (matches.length === 0) return;
    const next = (matchIndex + 1) % matches.length;
    setMatchIndex(next);
    centerOn(matches[next] ?? null, layout);
  };

  const actions = useMemo<GraphActions>(
    () => ({
      toggleGroup: (id) =>
        setCollapsed((before) => {
          const after = new Set(before);
          if (after.has(id)) after.delete(id);
          else after.add(id);
          return after;
        }),
    }),
    [],
  );

  const select = useCallback(
    (node: FlowNode | undefined) => {
      if (node?.data.span) onSelectSource?.(node.data.span);
    },
    [onSelectSource],
  );
  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback((_event, node) => select(node), [select]);

  // Keyboard: nodes are focusable (Tab); Enter or Space on a focused node selects its code.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const target = event.target as HTMLElement;
    if (!target.classList?.contains("react-flow__node")) return;
    const id = target.dataset.id;
    if (!id) return;
    event.preventDefault();
    select(nodes.find((n) => n.id === id));
  };

  const exportSvg = () => {
    if (!layout) return;
    const svg = toSvg(visible, layout, { theme: prefersDark() ? "dark" : "light" });
    downloadText(svg, `${exportName}.svg`, "image/svg+xml");
  };
  const exportPng = () => {
    if (!layout) return;
    const svg = toSvg(visible, layout, { theme: prefersDark() ? "dark" : "light" });
    const { width, height } = svgSize(layout);
    svgToPngBlob(svg, width, height)
      .then((blob) => downloadBlob(blob, `${exportName}.png`))
      .catch((error: unknown) => setMessage(error instanceof Error ? `PNG export failed: ${error.message}` : "PNG export failed"));
  };
  const exportMermaid = () => {
    downloadText(toMermaid(graph), `${exportName}.mmd`, "text/plain");
  };

  return (
    <GraphActionsContext.Provider value={actions}>
      <div
        className={`flex h-full min-h-64 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950 ${THEME_VARS} ${className}`}
        onKeyDown={onKeyDown}
      >
        <GraphToolbar
          direction={direction}
          onToggleDirection={() => setDirection((d) => (d === "TB" ? "LR" : "TB"))}
          onFitView={() => void flow.fitView({ padding: 0.1, duration: 200 })}
          query={query}
          onQueryChange={onQueryChange}
          onFindNext={onFindNext}
          matchCount={matches.length}
          matchIndex={matches.length > 0 ? matchIndex % matches.length : 0}
          onExportPng={exportPng}
          onExportSvg={exportSvg}
          onExportMermaid={exportMermaid}
          disabled={!layout}
        />
        <div className="@container relative min-h-0 flex-1" aria-busy={pending}>
          {graph.nodes.length === 0 ? (
            <div className="absolute inset-0 z-10 flex items-center justify-center p-6 text-sm text-slate-500 dark:text-slate-400">
              {emptyState ?? <p>Nothing to draw yet.</p>}
            </div>
          ) : null}
          <ReactFlow<FlowNode>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            colorMode={colorMode}
            onNodeClick={onNodeClick}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable
            nodesFocusable
            edgesFocusable={false}
            minZoom={MIN_ZOOM}
            maxZoom={MAX_ZOOM}
            onlyRenderVisibleElements={nodes.length > 150}
            fitView
            aria-label="Workflow graph"
          >
            <Background gap={24} size={1} />
            <MiniMap
              // Only where there is room for it beside the drawing (it would cover nodes in a narrow panel).
              className="hidden! @2xl:block!"
              pannable
              zoomable
              ariaLabel="Graph overview"
              nodeColor={(node) => MINIMAP_COLORS[(node.data as FlowNode["data"]).kind] ?? "#64748b"}
              nodeStrokeWidth={2}
            />
            <Controls showInteractive={false} aria-label="Zoom controls" />
          </ReactFlow>
          {message ? (
            <p role="alert" className="absolute bottom-2 left-2 rounded bg-red-50 px-2 py-1 text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
              {message}
            </p>
          ) : null}
        </div>
      </div>
    </GraphActionsContext.Provider>
  );
}
