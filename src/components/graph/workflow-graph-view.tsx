"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
  type NodeMouseHandler,
} from "@xyflow/react";
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { collapseGroups } from "~/lib/graph-layout/collapse";
import { lazyModule } from "~/lib/lazy";
import { EDGE_COLORS, EDGE_LABEL_COLORS, FAMILY_COLORS } from "~/lib/graph-layout/node-style";
import type { LayoutDirection, LayoutResult } from "~/lib/graph-layout/types";
import type { EdgeKind, SourceSpan, WorkflowGraph } from "~/lib/visualizer/types";
import { collapsedOf, decideCollapsed } from "./collapse-defaults";
import { DetailsPanel } from "./details-panel";
import { drawingBounds } from "./edge-geometry";
import {
  allInView,
  BASE_INSET,
  fitDecision,
  fitsView,
  fitViewport,
  MINIMAP,
  READABLE_ZOOM,
  visibleRect,
  type Rect,
} from "./fit-decision";
import { GraphActionsContext, type GraphActions } from "./graph-context";
import { GraphLegend } from "./graph-legend";
import { nodeTypes } from "./graph-nodes";
import { GraphToolbar } from "./graph-toolbar";
import { legendEntries } from "./legend";
import { nodeDetails } from "./node-details";
import { edgeTypes } from "./routed-edge";
import { findNodes, toFlowElements, visibleNodeFor, type FlowEdge, type FlowNode } from "./to-flow-elements";
import { useGraphLayout } from "./use-graph-layout";

export interface SelectSourceOptions {
  /** Move keyboard focus to the editor (a "go to line" link); a node click leaves focus in the graph. */
  focus: boolean;
}

export interface WorkflowGraphViewProps {
  graph: WorkflowGraph;
  /** Called with a node's code: its `definition ?? source` on a click or Enter, or a line picked in the details. */
  onSelectSource?: (span: SourceSpan, options: SelectSourceOptions) => void;
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
  /** Kedro: datasets drawn as nodes. With `onDatasetsChange`, a toolbar toggle shows for Kedro graphs. */
  datasets?: boolean;
  onDatasetsChange?: (datasets: boolean) => void;
}

/**
 * Colours shared by edges, edge labels, the legend and the minimap, from node-style.ts (the SVG export's source
 * too), switched by the system colour scheme: `--wf-*-l` and `--wf-*-d` hold both themes, the classes pick one.
 */
const THEME_STYLE = {
  "--wf-edge-flow-l": EDGE_COLORS.light.flow,
  "--wf-edge-flow-d": EDGE_COLORS.dark.flow,
  "--wf-edge-data-l": EDGE_COLORS.light.data,
  "--wf-edge-data-d": EDGE_COLORS.dark.data,
  "--wf-edge-conditional-l": EDGE_COLORS.light.conditional,
  "--wf-edge-conditional-d": EDGE_COLORS.dark.conditional,
  "--wf-bg-l": EDGE_LABEL_COLORS.light.fill,
  "--wf-bg-d": EDGE_LABEL_COLORS.dark.fill,
  "--wf-text-l": EDGE_LABEL_COLORS.light.text,
  "--wf-text-d": EDGE_LABEL_COLORS.dark.text,
} as CSSProperties;

const THEME_VARS =
  "[--wf-edge-flow:var(--wf-edge-flow-l)] [--wf-edge-data:var(--wf-edge-data-l)] [--wf-edge-conditional:var(--wf-edge-conditional-l)] " +
  "[--wf-bg:var(--wf-bg-l)] [--wf-text:var(--wf-text-l)] " +
  "dark:[--wf-edge-flow:var(--wf-edge-flow-d)] dark:[--wf-edge-data:var(--wf-edge-data-d)] dark:[--wf-edge-conditional:var(--wf-edge-conditional-d)] " +
  "dark:[--wf-bg:var(--wf-bg-d)] dark:[--wf-text:var(--wf-text-d)] " +
  // React Flow's own surfaces in the app's slate palette (its defaults are neutral greys).
  "[--xy-background-color:#ffffff] [--xy-background-pattern-dots-color:#cbd5e1] [--xy-minimap-background-color:#f8fafc] " +
  "[--xy-minimap-mask-background-color:rgb(226_232_240/0.6)] [--xy-minimap-mask-stroke-color:#94a3b8] [--xy-minimap-mask-stroke-width:1] " +
  "[--xy-controls-button-background-color:#ffffff] [--xy-controls-button-border-color:#e2e8f0] [--xy-controls-button-color:#334155] " +
  "dark:[--xy-background-color:#020617] dark:[--xy-background-pattern-dots-color:#334155] dark:[--xy-minimap-background-color:#0f172a] " +
  "dark:[--xy-minimap-mask-background-color:rgb(2_6_23/0.6)] dark:[--xy-controls-button-background-color:#0f172a] " +
  "dark:[--xy-controls-button-background-color-hover:#1e293b] dark:[--xy-controls-button-border-color:#1e293b] " +
  "dark:[--xy-controls-button-color:#cbd5e1] dark:[--xy-controls-button-color-hover:#ffffff] dark:[--xy-attribution-background-color:rgb(2_6_23/0.5)]";

/** Nodes: a visible focus ring for Tab; focus mode dims what is outside the lineage (nodes and edges alike). */
const CANVAS_CLASSES =
  "[&_.react-flow__node:focus-visible]:outline-3 [&_.react-flow__node:focus-visible]:outline-offset-4 [&_.react-flow__node:focus-visible]:outline-sky-500 " +
  "[&_.react-flow__node:focus-visible]:rounded-lg [&_.react-flow__node]:transition-opacity [&_.react-flow__edge]:transition-opacity " +
  "[&_.wf-dimmed]:opacity-20";

const MARKERS: Record<EdgeKind, string> = {
  flow: "var(--wf-edge-flow)",
  data: "var(--wf-edge-data)",
  conditional: "var(--wf-edge-conditional)",
};

/**
 * Draws a WorkflowGraph with React Flow: layered layout computed in a Web Worker (top-to-bottom or left-to-right),
 * edges along the layout's routes, nodes coloured by family with a legend, a details panel and focus mode, group
 * frames that collapse (big graphs start collapsed), search, minimap, zoom controls, and PNG / SVG / Mermaid export.
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
            initialFitViewOptions: { padding: 0.1, maxZoom: FIT_MAX_ZOOM },
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
/** A fit never enlarges past this: a three-node graph stays at a normal size. */
const FIT_MAX_ZOOM = 1.25;

/** The downloads' code, loaded on the first download (docs/decisions/083). */
const graphExport = lazyModule(() => import("./graph-export"));

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

const NO_GROUPS: ReadonlySet<string> = new Set();

function GraphCanvas({
  graph,
  onSelectSource,
  highlightedNodeId = null,
  initialDirection = "TB",
  exportName = "workflow",
  className = "",
  initialLayout = null,
  emptyState,
  datasets,
  onDatasetsChange,
}: WorkflowGraphViewProps) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const store = useStoreApi<FlowNode, FlowEdge>();
  const canvasWidth = useStore((s) => s.width);
  const canvasHeight = useStore((s) => s.height);
  const colorMode = useColorMode();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLElement>(null);

  const [direction, setDirection] = useState<LayoutDirection>(initialDirection);
  const [query, setQuery] = useState("");
  const [matchIndex, setMatchIndex] = useState(0);
  const [message, setMessage] = useState("");
  const [legendOn, setLegendOn] = useState(true);
  const [minimapChoice, setMinimapChoice] = useState<boolean | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusMode, setFocusMode] = useState(true);

  // Which groups are collapsed: big graphs start collapsed; what was decided for a group (by default or by a click)
  // stays while the graph changes. Derived from the graph during render, so the first layout is already collapsed.
  const [groups, setGroups] = useState(() => ({ graph, decided: decideCollapsed(graph, new Map()) }));
  let decided = groups.decided;
  if (groups.graph !== graph) {
    decided = decideCollapsed(graph, groups.decided);
    setGroups({ graph, decided });
  }
  const collapsed = useMemo(() => collapsedOf(decided), [decided]);

  const visible = useMemo(() => collapseGroups(graph, collapsed), [graph, collapsed]);
  const { layout, pending } = useGraphLayout(visible, direction, initialLayout);
  // The server drew every group expanded; until the worker lays out the collapsed graph, draw what it drew.
  const drawnCollapsed = layout !== null && layout === initialLayout && pending ? NO_GROUPS : collapsed;
  const drawnGraph = drawnCollapsed === collapsed ? visible : graph;

  const matches = useMemo(() => findNodes(graph, query), [graph, query]);
  const current = matches.length > 0 ? (matches[matchIndex % matches.length] ?? null) : null;
  const matchedNodeId = current ? visibleNodeFor(graph, current, drawnCollapsed) : null;
  const highlighted = highlightedNodeId ? visibleNodeFor(graph, highlightedNodeId, drawnCollapsed) : null;
  const selected = selectedId && visible.nodes.some((n) => n.id === selectedId) ? selectedId : null;

  const { nodes, edges } = useMemo(() => {
    const elements = toFlowElements(graph, layout, {
      collapsed: drawnCollapsed,
      highlightedNodeId: highlighted,
      matchedNodeId,
      focusedNodeId: focusMode ? selected : null,
    });
    for (const edge of elements.edges) {
      edge.markerEnd = { type: MarkerType.ArrowClosed, color: MARKERS[edge.data!.kind], width: 14, height: 14 };
    }
    // Without focus mode the selected node still shows its ring.
    if (!focusMode && selected) {
      for (const node of elements.nodes) if (node.id === selected) node.data = { ...node.data, selected: true };
    }
    return elements;
  }, [graph, layout, drawnCollapsed, highlighted, matchedNodeId, selected, focusMode]);

  const details = useMemo(() => (selected ? nodeDetails(graph, selected) : null), [graph, selected]);
  const legend = useMemo(() => legendEntries(drawnGraph, layout), [drawnGraph, layout]);

  // The minimap: by default only for drawings that cannot be shown whole at a readable size. It has a column of
  // its own beside the canvas, so it never covers a node.
  const bounds = useMemo(() => (layout ? drawingBounds(layout) : null), [layout]);
  const size = useMemo(() => ({ width: canvasWidth, height: canvasHeight }), [canvasWidth, canvasHeight]);
  const fits = bounds === null || size.width === 0 || fitsView(bounds, size);
  const minimapOn = minimapChoice ?? !fits;

  /** The canvas's size now (read from the DOM: React Flow's store learns of a resize a little later). */
  const canvasSize = useCallback(() => {
    const element = canvasRef.current;
    return element ? { width: element.clientWidth, height: element.clientHeight } : { width: 0, height: 0 };
  }, []);

  /**
   * Shows `area` (by default the whole drawing), clear of the zoom buttons. An automatic fit (`readable`) never goes
   * below a readable zoom: a drawing too big for that shows its beginning, and the minimap the rest.
   */
  const fitTo = useCallback(
    (area: Rect, duration: number, readable = true) => {
      const { width, height } = canvasSize();
      if (width === 0 || height === 0) return false;
      const viewport = fitViewport(area, { width, height }, BASE_INSET, {
        min: readable ? READABLE_ZOOM : MIN_ZOOM,
        max: FIT_MAX_ZOOM,
      });
      void flow.setViewport(viewport, { duration });
      return true;
    },
    [flow, canvasSize],
  );

  /** Whether the whole drawing is on screen in a canvas of `size` under the current viewport. */
  const wholeInView = useCallback(
    (target: LayoutResult, size: { width: number; height: number }) => {
      const [x, y, zoom] = store.getState().transform;
      return allInView(Object.values(target.nodes), visibleRect({ x, y, zoom }, size));
    },
    [store],
  );

  const kindsRef = useRef(new Map<string, string>());
  useEffect(() => {
    kindsRef.current = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  }, [graph]);

  // Fit on the first drawing, a new direction, a new drawing (paste, load), or a structural change that puts
  // nodes outside a view that showed everything — never on an edit that keeps the structure (fitDecision).
  const fittedRef = useRef<LayoutResult | null>(null);
  useEffect(() => {
    if (!layout || fittedRef.current === layout) return;
    const previous = fittedRef.current;
    const { width, height, transform } = store.getState();
    const view = previous && width > 0 && height > 0 ? visibleRect({ x: transform[0], y: transform[1], zoom: transform[2] }, { width, height }) : null;
    const reason = fitDecision(previous, layout, view, (id) => kindsRef.current.get(id) === "step" || kindsRef.current.get(id) === "dataset");
    const opened = openedGroupRef.current;
    openedGroupRef.current = null;
    if (!reason) {
      fittedRef.current = layout;
      return;
    }
    // A group just opened that no longer fits the view: show that group (the reason it grew), not the start.
    const groupBox = reason === "outside" && opened ? layout.nodes[opened] : undefined;
    const area = groupBox ?? drawingBounds(layout);
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      // The canvas may not be measured yet on the first drawing: try again on the next frames.
      if (fitTo(area, reason === "first" ? 0 : 200) || ++tries > 30) fittedRef.current = layout;
      else frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [layout, store, fitTo]);

  // Showing the minimap narrows the canvas: a drawing that was whole in view is fitted again.
  const minimapToggled = useRef<boolean | null>(null);
  const toggleMinimap = () => {
    minimapToggled.current = layout !== null && wholeInView(layout, size);
    setMinimapChoice(!minimapOn);
  };
  useEffect(() => {
    const wasWhole = minimapToggled.current;
    minimapToggled.current = null;
    if (!wasWhole || !layout) return;
    const frame = requestAnimationFrame(() => {
      if (!wholeInView(layout, canvasSize())) fitTo(drawingBounds(layout), 200);
    });
    return () => cancelAnimationFrame(frame);
  }, [minimapOn, layout, wholeInView, canvasSize, fitTo]);

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

  // The group a person just opened: if it no longer fits, the fit shows it.
  const openedGroupRef = useRef<string | null>(null);
  const toggleGroup = useCallback(
    (id: string) =>
      setGroups((before) => {
        if (before.decided.get(id) === true) openedGroupRef.current = id;
        const after = new Map(before.decided);
        after.set(id, !(before.decided.get(id) ?? false));
        return { graph: before.graph, decided: after };
      }),
    [],
  );
  const actions = useMemo<GraphActions>(() => ({ toggleGroup }), [toggleGroup]);

  // Opening the details moves keyboard focus into them; closing returns it to the node.
  const focusPanelRef = useRef(false);
  useEffect(() => {
    if (selected && focusPanelRef.current) {
      focusPanelRef.current = false;
      panelRef.current?.focus();
    }
  }, [selected]);

  const activate = useCallback(
    (node: FlowNode | undefined) => {
      if (!node) return;
      if (node.data.kind === "group" && node.data.collapsed) {
        toggleGroup(node.id);
        return;
      }
      focusPanelRef.current = true;
      setSelectedId(node.id);
      if (node.data.span) onSelectSource?.(node.data.span, { focus: false });
    },
    [onSelectSource, toggleGroup],
  );
  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback((_event, node) => activate(node), [activate]);

  const closeDetails = useCallback(() => {
    const id = selected;
    setSelectedId(null);
    if (id) {
      const element = rootRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      element?.focus({ preventScroll: true });
    }
  }, [selected]);

  // Keyboard: Enter or Space on a focused node opens its details (or expands a collapsed group); Esc closes them.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      if (selected) {
        event.preventDefault();
        closeDetails();
      }
      return;
    }
    if (event.key !== "Enter" && event.key !== " ") return;
    const target = event.target as HTMLElement;
    if (!target.classList?.contains("react-flow__node")) return;
    const id = target.dataset.id;
    if (!id) return;
    event.preventDefault();
    activate(nodes.find((n) => n.id === id));
  };

  const failed = (what: string) => (error: unknown) =>
    setMessage(error instanceof Error ? `${what} export failed: ${error.message}` : `${what} export failed`);
  const exportSvg = () => {
    if (!layout) return;
    const theme = prefersDark() ? "dark" : "light";
    graphExport()
      .then((exporter) => exporter.downloadSvg(drawnGraph, layout, exportName, theme))
      .catch(failed("SVG"));
  };
  const exportPng = () => {
    if (!layout) return;
    const theme = prefersDark() ? "dark" : "light";
    graphExport()
      .then((exporter) => exporter.downloadPng(drawnGraph, layout, exportName, theme))
      .catch(failed("PNG"));
  };
  const exportMermaid = () => {
    graphExport()
      .then((exporter) => exporter.downloadMermaid(graph, exportName))
      .catch(failed("Mermaid"));
  };

  const minimapColors = FAMILY_COLORS[colorMode];
  const showDatasetsToggle = graph.dialect === "kedro" && onDatasetsChange !== undefined;

  return (
    <GraphActionsContext.Provider value={actions}>
      <div
        ref={rootRef}
        style={THEME_STYLE}
        className={`flex h-full min-h-64 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950 ${THEME_VARS} ${className}`}
        onKeyDown={onKeyDown}
      >
        <GraphToolbar
          direction={direction}
          onToggleDirection={() => setDirection((d) => (d === "TB" ? "LR" : "TB"))}
          onFitView={() => {
            if (layout) fitTo(drawingBounds(layout), 200, false);
          }}
          query={query}
          onQueryChange={onQueryChange}
          onFindNext={onFindNext}
          matchCount={matches.length}
          matchIndex={matches.length > 0 ? matchIndex % matches.length : 0}
          onExportPng={exportPng}
          onExportSvg={exportSvg}
          onExportMermaid={exportMermaid}
          disabled={!layout}
          legend={legendOn}
          onToggleLegend={() => setLegendOn((on) => !on)}
          minimap={minimapOn}
          onToggleMinimap={toggleMinimap}
          {...(showDatasetsToggle ? { datasets: datasets === true, onToggleDatasets: () => onDatasetsChange?.(!datasets) } : {})}
        />
        {legendOn && layout ? <GraphLegend entries={legend} /> : null}
        <div className="flex min-h-0 flex-1">
          <div ref={canvasRef} className={`relative min-h-0 min-w-0 flex-1 ${CANVAS_CLASSES}`} aria-busy={pending}>
            {graph.nodes.length === 0 ? (
              <div className="absolute inset-0 z-10 flex items-center justify-center p-6 text-sm text-slate-500 dark:text-slate-400">
                {emptyState ?? <p>Nothing to draw yet.</p>}
              </div>
            ) : null}
            <ReactFlow<FlowNode, FlowEdge>
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              colorMode={colorMode}
              onNodeClick={onNodeClick}
              onPaneClick={() => setSelectedId(null)}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              nodesFocusable
              edgesFocusable={false}
              minZoom={MIN_ZOOM}
              maxZoom={MAX_ZOOM}
              onlyRenderVisibleElements={nodes.length > 150}
              aria-label="Workflow graph"
            >
              <Background gap={24} size={1} />
              <Controls showInteractive={false} showFitView={false} orientation="horizontal" aria-label="Zoom controls" />
            </ReactFlow>
            {message ? (
              <p role="alert" className="absolute bottom-2 left-2 rounded bg-red-50 px-2 py-1 text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
                {message}
              </p>
            ) : null}
          </div>
          {minimapOn ? (
            <div
              data-testid="minimap-column"
              className="relative shrink-0 border-l border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900"
              style={{ width: MINIMAP.column }}
            >
              <MiniMap
                position="top-left"
                style={{
                  width: MINIMAP.column - 2 * MINIMAP.margin,
                  height: Math.max(60, canvasHeight - 2 * MINIMAP.margin),
                  margin: MINIMAP.margin,
                }}
                pannable
                zoomable
                ariaLabel="Graph overview"
                nodeColor={(node) => {
                  const data = node.data as FlowNode["data"];
                  return data.frame ? "transparent" : (minimapColors[data.family]?.stroke ?? "#64748b");
                }}
                nodeStrokeColor={(node) => ((node.data as FlowNode["data"]).frame ? "#94a3b8" : "transparent")}
                nodeStrokeWidth={2}
              />
            </div>
          ) : null}
          {details ? (
            <DetailsPanel
              ref={panelRef}
              details={details}
              onSelectSpan={(span) => onSelectSource?.(span, { focus: true })}
              onClose={closeDetails}
              focusMode={focusMode}
              onToggleFocusMode={() => setFocusMode((on) => !on)}
            />
          ) : null}
        </div>
      </div>
    </GraphActionsContext.Provider>
  );
}
