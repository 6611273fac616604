import { Position, type Edge, type Node } from "@xyflow/react";
import { collapseGroups } from "~/lib/graph-layout/collapse";
import { junctionKey, sharedJunctions } from "~/lib/graph-layout/junction-dots";
import { edgeLabelText } from "~/lib/graph-layout/node-size";
import { nodeFamily, nodeKindName, nodeSubtitle, type NodeFamily } from "~/lib/graph-layout/node-style";
import type { EdgeRoute, LayoutResult } from "~/lib/graph-layout/types";
import type { EdgeKind, GraphEdge, NodeKind, SourceSpan, WorkflowGraph } from "~/lib/visualizer/types";
import { flowOrder } from "./flow-order";
import { edgeInLineage, focusNodes, insideOf, lineage } from "./lineage";

/** What the custom node components receive. */
export interface FlowNodeData extends Record<string, unknown> {
  label: string;
  kind: NodeKind;
  /** Colour family (node-style.ts). */
  family: NodeFamily;
  /** Operator class, function or kind shown under the label; null when it would repeat the label. */
  subtitle: string | null;
  many: boolean;
  /** `definition ?? source`: where a click on the node takes the editor. */
  span: SourceSpan | null;
  /** A group frame whose children are drawn inside it. */
  frame: boolean;
  /** A group that has children (so it can collapse / expand). */
  collapsible: boolean;
  collapsed: boolean;
  /** Steps inside a group, at any depth (shown on collapsed groups). */
  childCount: number;
  /** The editor's cursor is in this node. */
  highlighted: boolean;
  /** The current search match. */
  matched: boolean;
  /** The node whose details are open (and whose lineage is in focus). */
  selected: boolean;
  /** Focus mode is on and this node is not in the focused node's lineage. */
  dimmed: boolean;
}

export type FlowNode = Node<FlowNodeData, "workflow" | "frame">;

export interface FlowEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  inferred: boolean;
  /** The route the layout gave: the path drawn, its label box, whether it closes a cycle. */
  route: EdgeRoute;
  /** Text of the label box: the branch or dataset name, and `×n` for merged edges. */
  labelText: string | null;
  count: number;
  dimmed: boolean;
}

export type FlowEdge = Edge<FlowEdgeData, "routed">;

export interface ToFlowOptions {
  /** Ids of collapsed groups. */
  collapsed?: ReadonlySet<string>;
  highlightedNodeId?: string | null;
  matchedNodeId?: string | null;
  /** The node in focus (details open, lineage lit): a node of the drawn graph. */
  focusedNodeId?: string | null;
}

/**
 * An edge's accessible name: "agent to tools, conditional: continue", "split to train, data: X_train, loops back".
 */
export function edgeName(
  sourceLabel: string,
  targetLabel: string,
  edge: Pick<GraphEdge, "kind" | "label" | "inferred" | "count">,
  back: boolean,
): string {
  let name = `${sourceLabel} to ${targetLabel}`;
  if (edge.kind !== "flow" || edge.label) name += `, ${edge.kind}`;
  if (edge.label) name += `: ${edge.label}`;
  if (back) name += ", loops back";
  if (edge.inferred) name += ", inferred";
  if ((edge.count ?? 1) > 1) name += `, ${edge.count} edges`;
  return name;
}

/** A node's accessible name: "tools, LangGraph tool node", "extract, Airflow operator, BashOperator, collapsed group of 12 nodes". */
function nodeName(label: string, kindName: string, subtitle: string | null, many: boolean, collapsedCount: number | null): string {
  let name = `${label}, ${kindName}`;
  if (subtitle && !kindName.toLowerCase().endsWith(subtitle.toLowerCase())) name += `, ${subtitle}`;
  if (many) name += ", mapped: many instances";
  if (collapsedCount !== null) name += `, collapsed, ${collapsedCount} ${collapsedCount === 1 ? "node" : "nodes"} inside`;
  return name;
}

/**
 * WorkflowGraph + its layout → React Flow nodes and edges.
 *
 * - Collapsed groups hide their descendants; edges that touched them end on the group
 *   (`collapseGroups`). `layout` must be the layout of that collapsed graph; nodes it
 *   does not place yet (a newer graph whose layout is still running) are left out, with
 *   their edges, and so are edges it has no route for.
 * - Groups with visible children are frames (`type: "frame"`); children carry `parentId`
 *   and `extent: "parent"`, with positions relative to the frame.
 * - Nodes come in flow order (`flowOrder`), which is the Tab order; a frame comes before its children.
 * - Edges are `routed`: they draw the layout's path and label box (never React Flow's own curve).
 * - With a focused node, everything outside its lineage is dimmed.
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

  const isGroup = new Set<string>();
  for (const n of graph.nodes) if (n.kind === "group") isGroup.add(n.id);
  const hasChildren = new Set<string>();
  for (const n of graph.nodes) if (n.parent !== null && isGroup.has(n.parent)) hasChildren.add(n.parent);
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const stepsInside = (id: string) => {
    let count = 0;
    for (const inner of insideOf(graph, id)) if (kindOf.get(inner) !== "group") count++;
    return count;
  };

  const byId = new Map(visible.nodes.map((n) => [n.id, n]));
  const hasVisibleChildren = new Set<string>();
  for (const n of visible.nodes) {
    const p = layout.nodes[n.id]?.parent ?? null;
    if (p !== null) hasVisibleChildren.add(p);
  }

  const focus = options.focusedNodeId && byId.has(options.focusedNodeId) ? options.focusedNodeId : null;
  const line = focus ? lineage(visible, focus) : null;
  const lit = line ? focusNodes(visible, line) : null;

  const nodes: FlowNode[] = [];
  const present = new Set<string>();
  for (const id of flowOrder(visible, layout)) {
    const n = byId.get(id)!;
    const box = layout.nodes[id]!;
    const parentBox = box.parent !== null ? layout.nodes[box.parent] : undefined;
    const parentId = parentBox && present.has(box.parent!) ? box.parent! : undefined;
    const frame = hasVisibleChildren.has(id);
    const collapsible = hasChildren.has(id);
    const isCollapsed = collapsed.has(id) && collapsible;
    const childCount = collapsible ? stepsInside(id) : 0;
    const subtitle = nodeSubtitle(n);
    const kindName = nodeKindName(n, graph.dialect);
    const dimmed = lit !== null && !lit.has(id);
    const node: FlowNode = {
      id,
      type: frame ? "frame" : "workflow",
      position: parentId ? { x: box.x - parentBox!.x, y: box.y - parentBox!.y } : { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      data: {
        label: n.label,
        kind: n.kind,
        family: nodeFamily(n, graph.dialect),
        subtitle,
        many: n.many === true,
        span: n.definition ?? n.source,
        frame,
        collapsible,
        collapsed: isCollapsed,
        childCount,
        highlighted: options.highlightedNodeId === id,
        matched: options.matchedNodeId === id,
        selected: focus === id,
        dimmed,
      },
      sourcePosition: direction === "TB" ? Position.Bottom : Position.Right,
      targetPosition: direction === "TB" ? Position.Top : Position.Left,
      draggable: false,
      connectable: false,
      deletable: false,
      selectable: false,
      ariaLabel: nodeName(n.label, kindName, subtitle, n.many === true, isCollapsed ? childCount : null),
      className: `wf-node wf-family-${nodeFamily(n, graph.dialect)}${dimmed ? " wf-dimmed" : ""}${focus === id ? " wf-selected" : ""}`,
      ...(frame ? { zIndex: -1 } : {}),
    };
    if (parentId) {
      node.parentId = parentId;
      node.extent = "parent";
    }
    nodes.push(node);
    present.add(id);
  }

  const edges: FlowEdge[] = [];
  const drawn = visible.edges.filter((e) => present.has(e.source) && present.has(e.target) && layout.edges[e.id]);
  // Dots only where two or more drawn edges meet (the export's rule, the same function).
  const shared = sharedJunctions(drawn.map((e) => layout.edges[e.id]!));
  for (const e of drawn) {
    const listed = layout.edges[e.id]!;
    const junctions = listed.junctions?.filter((p) => shared.has(junctionKey(p)));
    const route: EdgeRoute =
      junctions === undefined || junctions.length === listed.junctions!.length ? listed : { ...listed, junctions: junctions.length > 0 ? junctions : undefined };
    const count = e.count ?? 1;
    const labelText = edgeLabelText(e);
    const dimmed = line !== null && !edgeInLineage(e, line);
    edges.push({
      id: e.id,
      source: e.source,
      target: e.target,
      type: "routed",
      data: { kind: e.kind, inferred: e.inferred === true, route, labelText, count, dimmed },
      ariaLabel: edgeName(byId.get(e.source)!.label, byId.get(e.target)!.label, e, route.back),
      // Its ends, for tests and tools that read the drawing.
      domAttributes: { "data-source": e.source, "data-target": e.target } as FlowEdge["domAttributes"],
      className: `wf-edge wf-edge-${e.kind}${e.inferred ? " wf-edge-inferred" : ""}${route.back ? " wf-edge-back" : ""}${dimmed ? " wf-dimmed" : ""}`,
      focusable: false,
      deletable: false,
      selectable: false,
    });
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
