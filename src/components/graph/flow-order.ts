import type { LayoutResult } from "~/lib/graph-layout/types";
import type { WorkflowGraph } from "~/lib/visualizer/types";

/**
 * The order Tab visits the drawn nodes in: the flow's own order (topological: a node after everything that runs
 * before it), ties broken by position (the layer, then across it), so it reads like the drawing. Edges that close a
 * cycle (the layout's back edges) are ignored, and a cycle the layout did not mark is entered at its first node by
 * position. A group frame comes just before the first node inside it (React Flow also needs a parent before its
 * children).
 *
 * `graph` is the graph as drawn (groups collapsed) and `layout` its layout; nodes the layout has not placed are left
 * out.
 */
export function flowOrder(graph: WorkflowGraph, layout: LayoutResult): string[] {
  const ids = graph.nodes.map((n) => n.id).filter((id) => layout.nodes[id] !== undefined);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));

  // Position rank: along the layers first, then across.
  const tb = layout.direction === "TB";
  const byPosition = ids.map((_, i) => i);
  const key = (i: number): [number, number] => {
    const b = layout.nodes[ids[i]!]!;
    return tb ? [b.y, b.x] : [b.x, b.y];
  };
  byPosition.sort((a, b) => {
    const [a1, a2] = key(a);
    const [b1, b2] = key(b);
    return a1 - b1 || a2 - b2 || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
  });
  const rank = new Array<number>(ids.length);
  byPosition.forEach((node, r) => (rank[node] = r));

  // Parent chain, to skip edges between a group and what it contains.
  const parentOf = new Map<string, string | null>();
  for (const id of ids) parentOf.set(id, layout.nodes[id]!.parent);
  const contains = (group: string, id: string) => {
    for (let p = parentOf.get(id) ?? null, steps = 0; p !== null && steps <= ids.length; p = parentOf.get(p) ?? null, steps++) {
      if (p === group) return true;
    }
    return false;
  };

  const out: number[][] = ids.map(() => []);
  const indegree = new Array<number>(ids.length).fill(0);
  for (const e of graph.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    if (layout.edges[e.id]?.back) continue;
    if (contains(e.source, e.target) || contains(e.target, e.source)) continue;
    out[s]!.push(t);
    indegree[t]!++;
  }

  // Kahn's algorithm, taking the ready node that comes first by position.
  const heap = new RankHeap(rank);
  for (let i = 0; i < ids.length; i++) if (indegree[i] === 0) heap.push(i);
  const done = new Array<boolean>(ids.length).fill(false);
  const order: number[] = [];
  let cursor = 0; // into byPosition, for cycles nobody marked
  while (order.length < ids.length) {
    let next = heap.pop();
    if (next === undefined) {
      while (done[byPosition[cursor]!]) cursor++;
      next = byPosition[cursor]!;
    }
    if (done[next]) continue;
    done[next] = true;
    order.push(next);
    for (const t of out[next]!) if (--indegree[t]! === 0 && !done[t]) heap.push(t);
  }

  // Frames (nodes with placed children) move to just before their first descendant, outermost first.
  const frames = new Set<string>();
  for (const id of ids) {
    const p = parentOf.get(id) ?? null;
    if (p !== null && index.has(p)) frames.add(p);
  }
  const result: string[] = [];
  const emitted = new Set<string>();
  const emitWithFrames = (id: string) => {
    const chain: string[] = [];
    for (let p = parentOf.get(id) ?? null, steps = 0; p !== null && steps <= ids.length; p = parentOf.get(p) ?? null, steps++) {
      if (index.has(p)) chain.push(p);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      if (!emitted.has(chain[i]!)) {
        emitted.add(chain[i]!);
        result.push(chain[i]!);
      }
    }
    if (!emitted.has(id)) {
      emitted.add(id);
      result.push(id);
    }
  };
  for (const i of order) if (!frames.has(ids[i]!)) emitWithFrames(ids[i]!);
  for (const i of order) emitWithFrames(ids[i]!); // frames whose contents are all frames (or none)
  return result;
}

/** A binary min-heap of node indices by rank. */
class RankHeap {
  private items: number[] = [];
  constructor(private readonly rank: readonly number[]) {}

  push(value: number) {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.rank[items[parent]!]! <= this.rank[items[i]!]!) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  pop(): number | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && this.rank[items[l]!]! < this.rank[items[smallest]!]!) smallest = l;
        if (r < items.length && this.rank[items[r]!]! < this.rank[items[smallest]!]!) smallest = r;
        if (smallest === i) break;
        [items[smallest], items[i]] = [items[i]!, items[smallest]!];
        i = smallest;
      }
    }
    return top;
  }
}
