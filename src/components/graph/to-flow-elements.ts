import { MarkerType, Position, type Edge, type Node } from "@xyflow/react";
import { collapseGroups } from "~/lib/graph-layout/collapse";
import type { LayoutResult } from "~/lib/graph-layout/types";
import type { EdgeKind, NodeKind, SourceSpan, WorkflowGraph } from "~/lib/visualizer/types";

/** What the custom node components receive. */
export interface FlowNodeData extends Record<string, unknown> {
  label: string;
  kind: NodeKind;
  many: boolean;
  /** `definition ?? source`: where a click on the node takes the editor. */
  span: SourceSpan | null;
  /** A group frame whose children are drawn inside it. */
  frame: boolean;
  /** A group that has children (so it can collapse / expand). */
  collapsible: boolean;
  collapsed: boolean;
  /** Number of direct children (shown on collapsed groups). */
  childCount: number;
  /** The editor's cursor is in this node. */
  highlighted: boolean;
  /** The current search match. */
  matched: boolean;
}

export type FlowNode = Node<FlowNodeData, "workflow" | "frame">;

export interface FlowEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  inferred: boolean;
}

export type FlowEdge = Edge<FlowEdgeData>;

export interface ToFlowOptions {
  /** Ids of collapsed groups. */
  collapsed?: ReadonlySet<string>;
  highlightedNodeId?: string | null;
  matchedNodeId?: string | null;
}

/** CSS colours are variables, set (light / dark) on the view's wrapper. */
const EDGE_COLOR: Record<EdgeKind, string> = {
  flow: "var(--wf-edge)",
  data: "var(--wf-edge-data)",
  conditional: "var(--wf-edge-conditional)",
};

/**
 * WorkflowGraph + its layout → React Flow nodes and edges.
 *
 * - Collapsed groups hide their descendants; edges that touched them end on the group
 *   (`collapseGroups`). `layout` must be the layout of that collapsed graph; nodes it
 *   does not place yet (a newer graph whose layout is still running) are left out, with
 *   their edges.
 * - Groups with visible children are frames (`type: "frame"`); children carry `parentId`
 *   and `extent: "parent"`, with positions relative to the frame. Parents come before
 *   children in the array, as React Flow requires.
 * - Conditional edges carry their label; inferred edges are dashed.
 */
export function toFlowElements(
  graph: WorkflowGraph,
  layout: LayoutResult | null,
  options: ToFlowOptions = {},
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  if (!layout) return { nodes: [], edges: [] };
  const collapsed = options.collapsed ?? new Set<string>();
  const visible = collapseGroups(graph, collapsed);
  const direction = layout.direction;

  const childCount = new Map<string, number>();
  const isGroup = new Set<string>();
  for (const n of graph.nodes) if (n.kind === "group") isGroup.add(n.id);
  for (const n of graph.nodes) {
    if (n.parent !== null && isGroup.has(n.parent)) childCount.set(n.parent, (childCount.get(n.parent) ?? 0) + 1);
  }

  const placed = visible.nodes.filter((n) => layout.nodes[n.id] !== undefined);
  const depth = (id: string) => {
    let d = 0;
    for (let p = layout.nodes[id]?.parent ?? null; p !== null && d < 64; p = layout.nodes[p]?.parent ?? null) d++;
    return d;
  };
  const hasVisibleChildren = new Set<string>();
  for (const n of placed) {
    const p = layout.nodes[n.id]!.parent;
    if (p !== null) hasVisibleChildren.add(p);
  }
  placed.sort((a, b) => depth(a.id) - depth(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const nodes: FlowNode[] = [];
  const present = new Set<string>();
  for (const n of placed) {
    const box = layout.nodes[n.id]!;
    const parentBox = box.parent !== null ? layout.nodes[box.parent] : undefined;
    const parentId = parentBox && present.has(box.parent!) ? box.parent! : undefined;
    const frame = hasVisibleChildren.has(n.id);
    const node: FlowNode = {
      id: n.id,
      type: frame ? "frame" : "workflow",
      position: parentId ? { x: box.x - parentBox!.x, y: box.y - parentBox!.y } : { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      data: {
        label: n.label,
        kind: n.kind,
        many: n.many === true,
        span: n.definition ?? n.source,
        frame,
        collapsible: (childCount.get(n.id) ?? 0) > 0,
        collapsed: collapsed.has(n.id) && (childCount.get(n.id) ?? 0) > 0,
        childCount: childCount.get(n.id) ?? 0,
        highlighted: options.highlightedNodeId === n.id,
        matched: options.matchedNodeId === n.id,
      },
      sourcePosition: direction === "TB" ? Position.Bottom : Position.Right,
      targetPosition: direction === "TB" ? Position.Top : Position.Left,
      draggable: false,
      connectable: false,
      deletable: false,
      ariaLabel: `${n.kind === "group" ? "Group" : n.kind} ${n.label}`,
      ...(frame ? { zIndex: -1 } : {}),
    };
    if (parentId) {
      node.parentId = parentId;
      node.extent = "parent";
    }
    nodes.push(node);
    present.add(n.id);
  }

  const edges: FlowEdge[] = [];
  for (const e of visible.edges) {
    if (!present.has(e.source) || !present.has(e.target)) continue;
    const color = EDGE_COLOR[e.kind];
    const edge: FlowEdge = {
      id: e.id,
      source: e.source,
      target: e.target,
      type: "default",
      data: { kind: e.kind, inferred: e.inferred === true },
      style: {
        stroke: color,
        strokeWidth: e.kind === "conditional" ? 1.75 : 1.5,
        ...(e.inferred ? { strokeDasharray: "6 4" } : {}),
      },
      markerEnd: { type: MarkerType.ArrowClosed, color, width: 16, height: 16 },
      className: `wf-edge wf-edge-${e.kind}${e.inferred ? " wf-edge-inferred" : ""}`,
      focusable: false,
      deletable: false,
      selectable: false,
    };
    if (e.label) {
      edge.label = e.label;
      edge.labelBgPadding = [4, 2];
      edge.labelBgBorderRadius = 4;
      edge.labelStyle = { fill: "var(--wf-text)", fontSize: 11 };
      edge.labelBgStyle = { fill: "var(--wf-bg)", stroke: color, strokeWidth: 0.75 };
    }
    edges.push(edge);
  }
  return { nodes, edges };
}

/** Nodes whose label contains `query` (case-insensitive), in graph order. */
export function findNodes(graph: WorkflowGraph, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const exact: string[] = [];
  const partial: string[] = [];
  for (const n of graph.nodes) {
    const label = n.label.toLowerCase();
    if (label === q) exact.push(n.id);
    else if (label.includes(q)) partial.push(n.id);
  }
  return [...exact, ...partial];
}

/** The node actually drawn for `id`: itself, or the outermost collapsed group hiding it. */
export function visibleNodeFor(graph: WorkflowGraph, id: string, collapsed: ReadonlySet<string>): string {
  const parentOf = new Map<string, string | null>();
  for (const n of graph.nodes) parentOf.set(n.id, n.parent);
  let result = id;
  let steps = 0;
  for (let p = parentOf.get(id) ?? null; p !== null && steps <= graph.nodes.length; p = parentOf.get(p) ?? null) {
    if (collapsed.has(p)) result = p;
    steps++;
  }
  return result;
}
