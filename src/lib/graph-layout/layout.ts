import type { WorkflowGraph } from "~/lib/visualizer/types";
import { boundsOf } from "./bounds";
import { d3DagEngine } from "./engine-d3dag";
import { GROUP_PADDING, leafSize } from "./node-size";
import { routeEdges } from "./routes";
import type { LayeredEngine, LayoutDirection, LayoutResult, NodeBox } from "./types";

/*
 * Layout of a WorkflowGraph, group by group.
 *
 * Groups are laid out bottom-up, one flat layered layout per group: a group's children
 * (leaf nodes, and child groups already sized by their own layout) are laid out as one
 * graph, and the group becomes a box of that size plus padding in its parent's layout.
 * An edge that crosses a group's frame is lifted to the outermost ancestors that are
 * siblings (an edge from a node inside group A to node B outside becomes A → B in the
 * level where A and B meet). Why not one compound layout (dagre's setParent)? d3-dag, the
 * fastest library measured, has no compound graphs; dagre's compound mode was twice as
 * slow as its flat mode on our 170-node graphs, and edges that end on a group frame
 * (LangGraph subgraphs used as nodes) are a long-standing limitation of its compound mode. Per-group layouts are smaller, so
 * faster (layered layout is superlinear), and frames can never overlap or cut through
 * each other by construction.
 *
 * Determinism: nodes and edges are sorted by id before the library sees them, and the
 * library is deterministic for the same input order.
 */

export interface LayoutOptions {
  direction: LayoutDirection;
  /** The result for the previous version of the graph, to keep positions stable. */
  previous?: LayoutResult | null;
}

export interface LayoutDeps {
  /** The layered-layout library call (injected for tests and for the benchmark). */
  engine?: LayeredEngine;
}

export { boundsOf };

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A cheap fingerprint of what the layout depends on: node ids, their parents, their size
 * class (kind), and the set of edges (source → target; edge ids, kinds and labels do not
 * matter). Equal keys → the previous layout is still valid.
 */
export function structureKey(graph: WorkflowGraph): string {
  const nodeKeys: string[] = new Array(graph.nodes.length);
  for (let i = 0; i < graph.nodes.length; i++) {
    const n = graph.nodes[i]!;
    nodeKeys[i] = `${n.id}\u0001${n.parent ?? ""}\u0001${n.kind}`;
  }
  nodeKeys.sort(byString);
  const edgeKeys: string[] = new Array(graph.edges.length);
  for (let i = 0; i < graph.edges.length; i++) {
    const e = graph.edges[i]!;
    edgeKeys[i] = `${e.source}\u0001${e.target}`;
  }
  edgeKeys.sort(byString);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  };
  for (const k of nodeKeys) feed(`${k}\u0002`);
  feed("\u0003");
  let last = "";
  let edgeCount = 0;
  for (const k of edgeKeys) {
    if (k === last) continue; // parallel edges lay out like one
    last = k;
    edgeCount++;
    feed(`${k}\u0002`);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${nodeKeys.length}.${edgeCount}.${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}

export function layoutGraph(graph: WorkflowGraph, options: LayoutOptions, deps: LayoutDeps = {}): LayoutResult {
  const key = structureKey(graph);
  const previous = options.previous ?? null;
  const sameDirection = previous !== null && previous.direction === options.direction;
  if (sameDirection && previous.structureKey === key) {
    const routed = graph.edges.every((e) => previous.edges[e.id] !== undefined);
    const reused = routed ? previous : { ...previous, edges: routeEdges(graph, previous.nodes, previous.direction) };
    return reused.origin === "reused" ? reused : { ...reused, origin: "reused" };
  }
  const fresh = freshLayout(graph, options.direction, deps.engine ?? d3DagEngine, key);
  const placed = sameDirection ? stabilize(fresh, previous, graph) : fresh;
  return { ...placed, edges: routeEdges(graph, placed.nodes, placed.direction) };
}

/** Valid parent of every node: an existing group, no cycles; anything else → top level. */
function resolveParents(graph: WorkflowGraph): Map<string, string | null> {
  const kindOf = new Map<string, string>();
  for (const n of graph.nodes) kindOf.set(n.id, n.kind);
  const declared = new Map<string, string | null>();
  for (const n of graph.nodes) {
    const p = n.parent;
    declared.set(n.id, p !== null && p !== n.id && kindOf.get(p) === "group" ? p : null);
  }
  const resolved = new Map<string, string | null>();
  for (const n of graph.nodes) {
    // Walk up; a cycle in the parent chain puts the node at the top level.
    let cursor = declared.get(n.id) ?? null;
    let steps = 0;
    while (cursor !== null && cursor !== n.id && steps <= graph.nodes.length) {
      cursor = declared.get(cursor) ?? null;
      steps++;
    }
    resolved.set(n.id, cursor === null ? (declared.get(n.id) ?? null) : null);
  }
  return resolved;
}

const ROOT = "\u0000root";

function freshLayout(graph: WorkflowGraph, direction: LayoutDirection, engine: LayeredEngine, key: string): LayoutResult {
  const parentOf = resolveParents(graph);
  const sorted = graph.nodes.slice().sort((a, b) => byString(a.id, b.id));

  // Containers (root and non-empty groups) with their children, in id order.
  const children = new Map<string, string[]>();
  children.set(ROOT, []);
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const p = parentOf.get(id) ?? null;
    const d = p === null ? 0 : depthOf(p) + 1;
    depth.set(id, d);
    return d;
  };
  for (const n of sorted) {
    const container = parentOf.get(n.id) ?? ROOT;
    let list = children.get(container);
    if (!list) children.set(container, (list = []));
    list.push(n.id);
    depthOf(n.id);
  }

  // Each edge goes to the container where its endpoints' ancestor lines meet.
  const links = new Map<string, Array<[string, string]>>();
  const seen = new Set<string>();
  const sortedEdges = graph.edges.slice().sort((a, b) => byString(a.source, b.source) || byString(a.target, b.target));
  for (const e of sortedEdges) {
    if (!parentOf.has(e.source) || !parentOf.has(e.target)) continue;
    let s = e.source;
    let t = e.target;
    let ds = depth.get(s)!;
    let dt = depth.get(t)!;
    // Lift the deeper endpoint until both are at the same depth, then both until siblings.
    while (ds > dt) {
      s = parentOf.get(s)!;
      ds--;
    }
    while (dt > ds) {
      t = parentOf.get(t)!;
      dt--;
    }
    if (s === t) continue; // self loop, or an edge between a group and its own descendant
    let ps = parentOf.get(s) ?? null;
    let pt = parentOf.get(t) ?? null;
    while (ps !== pt) {
      s = ps!;
      t = pt!;
      ps = parentOf.get(s) ?? null;
      pt = parentOf.get(t) ?? null;
    }
    const container = ps ?? ROOT;
    const dedupe = `${s}\u0001${t}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    let list = links.get(container);
    if (!list) links.set(container, (list = []));
    list.push([s, t]);
  }

  // Bottom-up: lay out the deepest containers first, so each group knows its size.
  const kindOf = new Map<string, WorkflowGraph["nodes"][number]["kind"]>();
  for (const n of graph.nodes) kindOf.set(n.id, n.kind);
  const size = new Map<string, [number, number]>(); // actual width, height
  const relative = new Map<string, [number, number]>(); // top-left inside the container's content box
  const containers = [...children.keys()].sort((a, b) => {
    const da = a === ROOT ? -1 : depth.get(a)!;
    const db = b === ROOT ? -1 : depth.get(b)!;
    return db - da || byString(a, b);
  });
  const lr = direction === "LR";
  let rootSize: [number, number] = [0, 0];
  for (const container of containers) {
    const ids = children.get(container)!;
    const index = new Map<string, number>();
    const sizes: Array<readonly [number, number]> = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      index.set(id, i);
      let s = size.get(id);
      if (!s) {
        const leaf = leafSize(kindOf.get(id)!);
        s = [leaf.width, leaf.height];
        size.set(id, s);
      }
      sizes[i] = lr ? [s[1], s[0]] : s;
    }
    const pairs = links.get(container) ?? [];
    const idx: Array<readonly [number, number]> = new Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) idx[i] = [index.get(pairs[i]![0])!, index.get(pairs[i]![1])!];
    const out = engine({ sizes, links: idx });
    for (let i = 0; i < ids.length; i++) {
      const [w, h] = size.get(ids[i]!)!;
      const cx = lr ? out.y[i]! : out.x[i]!;
      const cy = lr ? out.x[i]! : out.y[i]!;
      relative.set(ids[i]!, [cx - w / 2, cy - h / 2]);
    }
    const contentW = lr ? out.height : out.width;
    const contentH = lr ? out.width : out.height;
    if (container === ROOT) rootSize = [contentW, contentH];
    else {
      size.set(container, [
        contentW + GROUP_PADDING.left + GROUP_PADDING.right,
        contentH + GROUP_PADDING.top + GROUP_PADDING.bottom,
      ]);
    }
  }

  // Top-down: absolute positions.
  const nodes: Record<string, NodeBox> = {};
  const place = (container: string, ox: number, oy: number) => {
    for (const id of children.get(container) ?? []) {
      const [rx, ry] = relative.get(id)!;
      const [width, height] = size.get(id)!;
      const box: NodeBox = { x: ox + rx, y: oy + ry, width, height, parent: container === ROOT ? null : container };
      nodes[id] = box;
      if (children.has(id)) place(id, box.x + GROUP_PADDING.left, box.y + GROUP_PADDING.top);
    }
  };
  place(ROOT, 0, 0);
  return {
    direction,
    structureKey: key,
    nodes,
    bounds: { x: 0, y: 0, width: rootSize[0], height: rootSize[1] },
    edges: {},
    origin: "fresh",
  };
}

/* ------------------------------------------------------------------------------------ */
/* Keeping positions when the structure changed                                          */
/* ------------------------------------------------------------------------------------ */

function median(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[values.length >> 1]!;
}

/**
 * 1. Shift the fresh layout so that nodes present before stay, on the median, where
 *    they were: the drawing does not jump when a node is added or renamed.
 * 2. Try to put every unchanged node (same id and parent, not a group) exactly where it
 *    was, new nodes where the shifted layout put them, and group frames around their
 *    children again. Keep that only if it is still readable: no two siblings overlap and
 *    every edge that points down the layers (right, for LR) in the fresh layout still does.
 *    Otherwise return the shifted fresh layout.
 */
function stabilize(fresh: LayoutResult, previous: LayoutResult, graph: WorkflowGraph): LayoutResult {
  const frameIds = new Set<string>();
  for (const id in fresh.nodes) {
    const p = fresh.nodes[id]!.parent;
    if (p !== null) frameIds.add(p);
  }
  const dxs: number[] = [];
  const dys: number[] = [];
  const common: string[] = [];
  for (const id in fresh.nodes) {
    const now = fresh.nodes[id]!;
    const before = previous.nodes[id];
    if (!before || before.parent !== now.parent) continue;
    if ((before.width !== now.width || before.height !== now.height) && !frameIds.has(id)) continue;
    common.push(id);
    dxs.push(before.x - now.x);
    dys.push(before.y - now.y);
  }
  if (common.length === 0) return fresh;
  const dx = median(dxs);
  const dy = median(dys);
  const shifted: Record<string, NodeBox> = {};
  for (const id in fresh.nodes) {
    const b = fresh.nodes[id]!;
    shifted[id] = { ...b, x: b.x + dx, y: b.y + dy };
  }
  const shiftedResult: LayoutResult = {
    ...fresh,
    nodes: shifted,
    bounds: { ...fresh.bounds, x: fresh.bounds.x + dx, y: fresh.bounds.y + dy },
  };

  // Attempt to pin unchanged leaves.
  const pinned: Record<string, NodeBox> = {};
  for (const id in shifted) pinned[id] = { ...shifted[id]! };
  const childrenOf = new Map<string | null, string[]>();
  for (const id in pinned) {
    const p = pinned[id]!.parent;
    let list = childrenOf.get(p);
    if (!list) childrenOf.set(p, (list = []));
    list.push(id);
  }
  for (const id of common) {
    if (childrenOf.has(id)) continue; // frames are recomputed from their children
    const before = previous.nodes[id]!;
    const box = pinned[id]!;
    box.x = before.x;
    box.y = before.y;
  }
  // Re-fit frames, deepest first.
  const frames = [...childrenOf.keys()].filter((k): k is string => k !== null);
  const depthOf = (id: string) => {
    let d = 0;
    for (let p = pinned[id]?.parent ?? null; p !== null; p = pinned[p]?.parent ?? null) d++;
    return d;
  };
  frames.sort((a, b) => depthOf(b) - depthOf(a));
  for (const g of frames) {
    const frame = pinned[g];
    if (!frame) continue;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const c of childrenOf.get(g)!) {
      const b = pinned[c]!;
      minX = Math.min(minX, b.x);
      minY = Math.min(minY, b.y);
      maxX = Math.max(maxX, b.x + b.width);
      maxY = Math.max(maxY, b.y + b.height);
    }
    frame.x = minX - GROUP_PADDING.left;
    frame.y = minY - GROUP_PADDING.top;
    frame.width = maxX - minX + GROUP_PADDING.left + GROUP_PADDING.right;
    frame.height = maxY - minY + GROUP_PADDING.top + GROUP_PADDING.bottom;
  }
  for (const siblings of childrenOf.values()) {
    if (hasOverlap(siblings, pinned)) return shiftedResult;
  }
  const rankAxis = fresh.direction === "TB" ? "y" : "x";
  for (const e of graph.edges) {
    const fs = shifted[e.source];
    const ft = shifted[e.target];
    const ps = pinned[e.source];
    const pt = pinned[e.target];
    if (!fs || !ft || !ps || !pt || fs.parent !== ft.parent) continue;
    if (ft[rankAxis] > fs[rankAxis] && !(pt[rankAxis] > ps[rankAxis])) return shiftedResult;
  }
  return { ...fresh, nodes: pinned, bounds: boundsOf(pinned), origin: "stable" };
}

function hasOverlap(ids: string[], boxes: Record<string, NodeBox>): boolean {
  // Sweep along x: only boxes whose x ranges intersect are compared.
  const sorted = ids.map((id) => boxes[id]!).sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.x >= a.x + a.width) break;
      if (b.y < a.y + a.height && a.y < b.y + b.height) return true;
    }
  }
  return false;
}
