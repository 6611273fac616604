/**
 * One flat layered (Sugiyama) layout with its edge routes, in top-to-bottom space: the boxes of one container (the
 * drawing's top level or one group frame) and the links between them.
 *
 * 1. Links the caller marked `back` (they close a cycle) point up: the layering sees them reversed. Complete
 *    bipartite joins (sources with identical target sets, ≥ 3 × 3 or so) go through a junction node: |S| + |T|
 *    links instead of |S| × |T| (Airflow's `[a, b, …] >> [c, d, …]`).
 * 2. Layers by longest path, then sources and fan-out nodes pulled down towards their successors. A labelled link
 *    spans at least two layers: its label is a box in the middle layer, placed like a node, so it never lands on a
 *    node or another label and the edge runs through it.
 * 3. Long links get one dummy per layer crossed; the order in each layer comes from barycenter sweeps, keeping the
 *    order with the fewest crossings (fewer sweeps on big inputs: the cost stays bounded).
 * 4. Cross-axis coordinates: each layer in turn is placed at the weighted mean of its neighbours, subject to the
 *    order and the minimum gaps, by pool-adjacent-violators (an exact least-squares fit, linear time).
 * 5. Routes: inside a layer's band an edge runs straight along the rank axis at its dummy's (or port's) position,
 *    which the coordinates keep clear of every box of that layer; between two bands, where there are no boxes, it
 *    is an S-curve. So no route crosses a box of its container, by construction. Each end has its own port on the
 *    face it uses; back links leave and enter by the right side through lanes reserved beside the box (the box is
 *    laid out wider), self-loops are loops on the left side with their label beside them.
 */
import type { Pt, SegKind, Waypoints } from "./geometry";
import { isotonic } from "./isotonic";
import { SPACING } from "./node-size";
import { orderLayers, type OrderSegment } from "./ordering";

export interface Size {
  w: number;
  h: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LNode {
  /** Box size: cross axis, rank axis. Boundary nodes are points (0 × 0). */
  w: number;
  h: number;
  /** `top` / `bottom`: a point on the container's top or bottom edge, where an edge enters or leaves the frame. */
  role: "node" | "top" | "bottom";
  /** Where the node's centre was on the cross axis in the previous drawing (pulls it back there). */
  anchor?: number | null;
  /**
   * For `top` / `bottom` points: where the edge goes outside the container, on the cross axis (same origin as the
   * container's content). When every point of a face has one, they are ordered by it and the inside follows.
   */
  hint?: number | null;
}

export interface LLink {
  s: number;
  t: number;
  /** The link points against the layers (closes a cycle). Ignored for self-loops. */
  back: boolean;
  /** The label's box size (top-to-bottom space), or null. */
  label: Size | null;
  /** The end attaches by the side lanes (the real end of a back link), else by a port on its face. */
  sSide: boolean;
  tSide: boolean;
  /** A port fixed by the caller (offset from the box's left), e.g. where an edge leaves a group frame. */
  sPort?: number;
  tPort?: number;
  /** May be merged with others into a junction (plain edges between plain nodes). */
  concentrate: boolean;
}

export interface LPiece extends Waypoints {
  /** Points where this route merges with others (junctions, frame crossings): shared stretches run between them. */
  junctions: Pt[];
  label: Box | null;
}

export interface LOut {
  /** Box centres per input node. */
  cx: Float64Array;
  cy: Float64Array;
  width: number;
  height: number;
  /** Route per input link, in the link's direction. */
  pieces: LPiece[];
  /** Crossings of the order kept (between consecutive layers, ports counted where they are). */
  crossings: number;
}

export interface LayeredOptions {
  /** Decrossing sweeps at most (fewer past a size). */
  maxSweeps?: number;
}

const GAP_NODE = SPACING.node;
const GAP_MIXED = 16;
const GAP_THIN = 12;
const RANK_GAP = SPACING.rank;
const BOUNDARY_GAP = 28;
const LANE_FIRST = 12;
const LANE = 9;
const LOOP_FIRST = 14;
const PORT_MIN_GAP = 8;

/** Bicliques at least this big (|S| × |T|, both ≥ 2) go through a junction. */
export const JUNCTION_MIN_EDGES = 9;
/** Past this many items + links the decrossing makes only a few sweeps. */
const BIG = 20_000;

type ItemKind = 0 | 1 | 2 | 3; // node, junction, dummy, label dummy
const NODE = 0;
const JUNCTION = 1;
const DUMMY = 2;
const LABEL = 3;

interface ILink {
  s: number;
  t: number;
  back: boolean;
  label: Size | null;
  sSide: boolean;
  tSide: boolean;
  sPort: number | undefined;
  tPort: number | undefined;
}

export function layoutLayers(nodes: readonly LNode[], links: readonly LLink[], options: LayeredOptions = {}): LOut {
  const n = nodes.length;
  // Node arrays (junctions appended after the input nodes).
  const nw: number[] = [];
  const nh: number[] = [];
  const role: Array<LNode["role"] | "junction"> = [];
  for (const v of nodes) {
    nw.push(v.w);
    nh.push(v.h);
    role.push(v.role);
  }

  /* ---------------- 1. links, self-loops, junctions ---------------- */
  const ilinks: ILink[] = [];
  const origParts: number[][] = new Array(links.length);
  const loopsOf = new Map<number, number[]>();
  const used = new Uint8Array(links.length);
  // Bicliques: candidate sources grouped by direction and target set.
  const outsOf = new Map<string, number[]>();
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    if (l.s === l.t) continue;
    if (!l.concentrate || l.label || l.sPort !== undefined || l.tPort !== undefined) continue;
    if (role[l.s] !== "node" || role[l.t] !== "node") continue;
    const key = `${l.back ? 1 : 0}:${l.s}`;
    let list = outsOf.get(key);
    if (!list) outsOf.set(key, (list = []));
    list.push(i);
  }
  const groups = new Map<string, Array<{ s: number; links: number[] }>>();
  for (const [key, list] of outsOf) {
    if (list.length < 2) continue;
    const targets = list.map((i) => links[i]!.t).sort((a, b) => a - b);
    let dup = false;
    for (let k = 1; k < targets.length; k++) if (targets[k] === targets[k - 1]) dup = true;
    if (dup) continue;
    const back = key.startsWith("1");
    const gkey = `${back ? 1 : 0}:${targets.join(",")}`;
    let g = groups.get(gkey);
    if (!g) groups.set(gkey, (g = []));
    g.push({ s: links[list[0]!]!.s, links: list });
  }
  interface Join {
    back: boolean;
    targets: number[];
    members: Array<{ s: number; links: number[] }>;
    j: number;
    /** Link from this junction to each target it reaches directly, and to each junction nested in it. */
    direct: Map<number, number>;
    nested: Array<{ join: Join; link: number }>;
  }
  const joins: Join[] = [];
  for (const [gkey, members] of groups) {
    const targetCount = members[0]!.links.length;
    if (members.length < 2 || members.length * targetCount < JUNCTION_MIN_EDGES) continue;
    const targets = members[0]!.links.map((i) => links[i]!.t).sort((x, y) => x - y);
    const j = nw.length;
    nw.push(0);
    nh.push(0);
    role.push("junction");
    joins.push({ back: gkey.startsWith("1"), targets, members, j, direct: new Map(), nested: [] });
  }
  // A join whose targets include all of another's goes through that one's junction (junction → junction) instead of
  // drawing a second fan to the same targets; the largest such joins first, none sharing a target.
  for (const A of joins) {
    const inA = new Set(A.targets);
    const taken = new Set<number>();
    const inner = joins
      .filter((B) => B !== A && B.back === A.back && B.targets.length >= 2 && B.targets.length < A.targets.length && B.targets.every((t) => inA.has(t)))
      .sort((x, y) => y.targets.length - x.targets.length || x.j - y.j);
    for (const B of inner) {
      if (B.targets.some((t) => taken.has(t))) continue;
      for (const t of B.targets) taken.add(t);
      A.nested.push({ join: B, link: ilinks.length });
      ilinks.push({ s: A.j, t: B.j, back: A.back, label: null, sSide: false, tSide: false, sPort: undefined, tPort: undefined });
    }
    const tSideOf = new Map<number, boolean>();
    for (const i of A.members[0]!.links) tSideOf.set(links[i]!.t, links[i]!.tSide);
    for (const t of A.targets) {
      if (taken.has(t)) continue;
      A.direct.set(t, ilinks.length);
      ilinks.push({ s: A.j, t, back: A.back, label: null, sSide: false, tSide: tSideOf.get(t) ?? false, sPort: undefined, tPort: undefined });
    }
  }
  const pathFrom = (A: Join, t: number): number[] => {
    const direct = A.direct.get(t);
    if (direct !== undefined) return [direct];
    const via = A.nested.find((n) => n.join.targets.includes(t))!;
    return [via.link, ...pathFrom(via.join, t)];
  };
  for (const A of joins) {
    for (const m of A.members) {
      const fromSource = ilinks.length;
      const l0 = links[m.links[0]!]!;
      ilinks.push({ s: m.s, t: A.j, back: A.back, label: null, sSide: l0.sSide, tSide: false, sPort: undefined, tPort: undefined });
      for (const i of m.links) {
        used[i] = 1;
        origParts[i] = [fromSource, ...pathFrom(A, links[i]!.t)];
      }
    }
  }
  for (let i = 0; i < links.length; i++) {
    if (used[i]) continue;
    const l = links[i]!;
    if (l.s === l.t) {
      let list = loopsOf.get(l.s);
      if (!list) loopsOf.set(l.s, (list = []));
      list.push(i);
      origParts[i] = [];
      continue;
    }
    origParts[i] = [ilinks.length];
    ilinks.push({ s: l.s, t: l.t, back: l.back, label: l.label, sSide: l.sSide, tSide: l.tSide, sPort: l.sPort, tPort: l.tPort });
  }
  const N = nw.length;

  /* ---------------- margins: lanes beside the box for back links, loops on the left ---------------- */
  const upLanes: number[][] = Array.from({ length: N }, () => []); // ilinks leaving this node upwards (by the side)
  const downLanes: number[][] = Array.from({ length: N }, () => []); // ilinks entering this node from below
  for (let i = 0; i < ilinks.length; i++) {
    const l = ilinks[i]!;
    if (!l.back) continue;
    if (l.sSide) upLanes[l.s]!.push(i);
    if (l.tSide) downLanes[l.t]!.push(i);
  }
  const marginR = new Float64Array(N);
  const marginL = new Float64Array(N);
  const rankSize = new Float64Array(N);
  const loopDist = new Map<number, number[]>();
  for (let v = 0; v < N; v++) {
    rankSize[v] = nh[v]!;
    const loops = loopsOf.get(v);
    if (loops) {
      const dists: number[] = [];
      let prevHalf = 0;
      let dist = 0;
      for (let k = 0; k < loops.length; k++) {
        const label = links[loops[k]!]!.label;
        const half = label ? label.w / 2 : 0;
        dist = k === 0 ? Math.max(LOOP_FIRST, half + 8) : dist + Math.max(LANE, prevHalf + half + 6);
        dists.push(dist);
        prevHalf = half;
        if (label) rankSize[v] = Math.max(rankSize[v]!, label.h);
      }
      loopDist.set(v, dists);
      marginL[v] = dist + Math.max(6, prevHalf + 4);
    }
  }

  /* ---------------- 2. layering ---------------- */
  const outL: number[][] = Array.from({ length: N }, () => []); // oriented ilink indices
  const indeg = new Int32Array(N);
  const upper = (l: ILink) => (l.back ? l.t : l.s);
  const lower = (l: ILink) => (l.back ? l.s : l.t);
  const minlen = (l: ILink) => (l.label ? 2 : 1);
  for (let i = 0; i < ilinks.length; i++) {
    const l = ilinks[i]!;
    outL[upper(l)]!.push(i);
    indeg[lower(l)]!++;
  }
  let hasTop = false;
  let hasBottom = false;
  for (let v = 0; v < N; v++) {
    if (role[v] === "top") hasTop = true;
    if (role[v] === "bottom") hasBottom = true;
  }
  const layer = new Int32Array(N);
  for (let v = 0; v < N; v++) layer[v] = hasTop && role[v] !== "top" ? 1 : 0;
  const topo: number[] = [];
  {
    const deg = indeg.slice();
    const queue: number[] = [];
    for (let v = 0; v < N; v++) if (deg[v] === 0) queue.push(v);
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q]!;
      topo.push(u);
      for (const i of outL[u]!) {
        const l = ilinks[i]!;
        const w = lower(l);
        const want = layer[u]! + minlen(l);
        if (want > layer[w]!) layer[w] = want;
        if (--deg[w]! === 0) queue.push(w);
      }
    }
    if (topo.length !== N) throw new Error("layered layout: the links still form a cycle");
  }
  // Pull sources and fan-out nodes down towards their successors (shorter edges).
  for (let k = topo.length - 1; k >= 0; k--) {
    const v = topo[k]!;
    if (role[v] === "top" || role[v] === "bottom") continue;
    let limit = Infinity;
    let outs = 0;
    for (const i of outL[v]!) {
      const l = ilinks[i]!;
      const w = lower(l);
      if (role[w] === "bottom") continue;
      outs++;
      limit = Math.min(limit, layer[w]! - minlen(l));
    }
    if (outs === 0 || limit === Infinity) continue;
    if ((indeg[v] === 0 || outs > indeg[v]!) && limit > layer[v]!) layer[v] = limit;
  }
  if (hasBottom) {
    let max = hasTop ? 0 : -1;
    for (let v = 0; v < N; v++) if (role[v] !== "bottom") max = Math.max(max, layer[v]!);
    for (let v = 0; v < N; v++) if (role[v] === "bottom") layer[v] = max + 1;
  }

  /* ---------------- 3. dummies, then order ---------------- */
  const kind: ItemKind[] = [];
  const itemLayer: number[] = [];
  const itemNode: number[] = [];
  const ext: number[] = []; // half width of label dummies
  const labelH: number[] = [];
  for (let v = 0; v < N; v++) {
    kind.push(role[v] === "junction" ? JUNCTION : NODE);
    itemLayer.push(layer[v]!);
    itemNode.push(v);
    ext.push(0);
    labelH.push(0);
  }
  const chains: number[][] = new Array(ilinks.length);
  const labelItem = new Int32Array(ilinks.length).fill(-1);
  for (let i = 0; i < ilinks.length; i++) {
    const l = ilinks[i]!;
    const u = upper(l);
    const w = lower(l);
    const chain = [u];
    const span = layer[w]! - layer[u]!;
    const mid = l.label ? layer[u]! + Math.floor(span / 2) : -1;
    for (let L = layer[u]! + 1; L < layer[w]!; L++) {
      const item = kind.length;
      const isLabel = L === mid;
      kind.push(isLabel ? LABEL : DUMMY);
      itemLayer.push(L);
      itemNode.push(-1);
      ext.push(isLabel ? l.label!.w / 2 : 0);
      labelH.push(isLabel ? l.label!.h : 0);
      if (isLabel) labelItem[i] = item;
      chain.push(item);
    }
    chain.push(w);
    chains[i] = chain;
  }
  const items = kind.length;
  // Compact empty layers.
  let maxLayer = 0;
  for (let x = 0; x < items; x++) maxLayer = Math.max(maxLayer, itemLayer[x]!);
  const usedLayer = new Int32Array(maxLayer + 1).fill(-1);
  for (let x = 0; x < items; x++) usedLayer[itemLayer[x]!] = 1;
  let count = 0;
  for (let L = 0; L <= maxLayer; L++) if (usedLayer[L] === 1) usedLayer[L] = count++;
  for (let x = 0; x < items; x++) itemLayer[x] = usedLayer[itemLayer[x]!]!;
  const layerCount = count;

  const up: number[][] = Array.from({ length: items }, () => []);
  const down: number[][] = Array.from({ length: items }, () => []);
  // Where a link meets a box whose port is fixed (a frame's crossing point), neighbours see the port, not the
  // centre: `upOff[x][k]` is the offset of up[x][k]'s port from its centre (px), for the order and the coordinates.
  const upOff: number[][] = Array.from({ length: items }, () => []);
  const downOff: number[][] = Array.from({ length: items }, () => []);
  for (let i = 0; i < chains.length; i++) {
    const chain = chains[i]!;
    const l = ilinks[i]!;
    const topPort = l.back ? l.tPort : l.sPort;
    const bottomPort = l.back ? l.sPort : l.tPort;
    for (let k = 0; k + 1 < chain.length; k++) {
      const a = chain[k]!;
      const b = chain[k + 1]!;
      down[a]!.push(b);
      up[b]!.push(a);
      upOff[b]!.push(k === 0 && topPort !== undefined ? topPort - nw[a]! / 2 : 0);
      downOff[a]!.push(k + 2 === chain.length && bottomPort !== undefined ? bottomPort - nw[b]! / 2 : 0);
    }
  }

  // Initial order: depth-first from the top, so subtrees start together.
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  {
    const seen = new Uint8Array(items);
    const starts = Array.from({ length: items }, (_, x) => x).sort((a, b) => itemLayer[a]! - itemLayer[b]! || a - b);
    const stack: number[] = [];
    for (const s of starts) {
      if (seen[s]) continue;
      stack.push(s);
      seen[s] = 1;
      while (stack.length > 0) {
        const x = stack.pop()!;
        layers[itemLayer[x]!]!.push(x);
        const ds = down[x]!;
        for (let k = ds.length - 1; k >= 0; k--) {
          const y = ds[k]!;
          if (!seen[y]) {
            seen[y] = 1;
            stack.push(y);
          }
        }
      }
    }
  }
  const pos = new Float64Array(items);
  const setPos = () => {
    for (const row of layers) for (let k = 0; k < row.length; k++) pos[row[k]!] = k;
  };
  setPos();
  // Fixed ports count at their place on the box, as a fraction of one position.
  const portFrac = (x: number, off: number) => {
    const v = itemNode[x]!;
    return off !== 0 && v >= 0 && nw[v]! > 0 ? (0.9 * off) / nw[v]! : 0;
  };
  const segments: OrderSegment[] = [];
  const firstSeg = new Int32Array(ilinks.length);
  for (let i = 0; i < chains.length; i++) {
    const chain = chains[i]!;
    const l = ilinks[i]!;
    const topPort = l.back ? l.tPort : l.sPort;
    const bottomPort = l.back ? l.sPort : l.tPort;
    firstSeg[i] = segments.length;
    for (let k = 0; k + 1 < chain.length; k++) {
      const a = chain[k]!;
      const b = chain[k + 1]!;
      const fa = k === 0 && topPort !== undefined ? portFrac(a, topPort - nw[a]! / 2) : 0;
      const fb = k + 2 === chain.length && bottomPort !== undefined ? portFrac(b, bottomPort - nw[b]! / 2) : 0;
      segments.push({ a, b, fa, fb });
    }
  }
  // Ends attached by a box's side (back links) count at that side: the left one when the link's lower end stands
  // left of its upper end in the order (as the lanes are chosen below), else the right one.
  const sided: number[] = [];
  for (let i = 0; i < ilinks.length; i++) if (ilinks[i]!.sSide || ilinks[i]!.tSide) sided.push(i);
  const refresh = (p: Float64Array, rows: number[][]) => {
    for (const i of sided) {
      const l = ilinks[i]!;
      const chain = chains[i]!;
      const u = chain[0]!;
      const w = chain[chain.length - 1]!;
      const fu = rows[itemLayer[u]!]!.length > 1 ? p[u]! / (rows[itemLayer[u]!]!.length - 1) : 0.5;
      const fw = rows[itemLayer[w]!]!.length > 1 ? p[w]! / (rows[itemLayer[w]!]!.length - 1) : 0.5;
      const left = fw < fu - 1e-9;
      const last = firstSeg[i]! + chain.length - 2;
      if (l.back ? l.tSide : l.sSide) segments[firstSeg[i]!]!.fa = left && !loopsOf.has(u) ? -0.5 : 0.5;
      if (l.back ? l.sSide : l.tSide) segments[last]!.fb = left && !loopsOf.has(w) ? -0.5 : 0.5;
    }
  };
  const big = items + ilinks.length > BIG;
  let fixed: Float64Array | undefined;
  for (let v = 0; v < n; v++) {
    const h = nodes[v]!.hint;
    if (h === undefined || h === null || !Number.isFinite(h)) continue;
    if (!fixed) fixed = new Float64Array(items).fill(NaN);
    fixed[v] = h;
  }
  const crossings = orderLayers(layers, itemLayer, segments, {
    maxSweeps: options.maxSweeps ?? (big ? 3 : 24),
    starts: big ? 1 : items + ilinks.length > 3000 ? 2 : items + ilinks.length > 1000 ? 4 : 8,
    transpose: !big,
    refresh: sided.length > 0 ? refresh : undefined,
    fixed,
  });
  setPos();
  const frac = (x: number) => {
    const row = layers[itemLayer[x]!]!;
    return row.length > 1 ? pos[x]! / (row.length - 1) : 0.5;
  };
  // A back link's dummies go to the outside of their twins (items with the same neighbours, e.g. the label of the
  // forward edge of the same loop): same crossings in the layers, none where the lanes meet the node's side.
  {
    const chainOf = new Int32Array(items).fill(-1);
    for (let i = 0; i < ilinks.length; i++) if (ilinks[i]!.back) for (const x of chains[i]!.slice(1, -1)) chainOf[x] = i;
    const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, k) => v === b[k]);
    const twins = (a: number, b: number) => same(up[a]!, up[b]!) && same(down[a]!, down[b]!);
    for (const row of layers) {
      for (let k = 0; k < row.length; k++) {
        const d = row[k]!;
        const i = chainOf[d]!;
        if (i < 0) continue;
        const chain = chains[i]!;
        const left = frac(chain[chain.length - 1]!) < frac(chain[0]!) - 1e-9;
        let at = k;
        const step = left ? -1 : 1;
        while (at + step >= 0 && at + step < row.length && chainOf[row[at + step]!] !== i && twins(row[at + step]!, d)) {
          row[at] = row[at + step]!;
          row[at + step] = d;
          at += step;
        }
      }
    }
    setPos();
  }

  /* ---------------- sides of the back links' lanes ---------------- */
  // A back link runs up around the outside of the pair it joins: by the left sides when its lower end stands left
  // of its upper end in the order, else by the right; so it does not cut across the edges between the two. A node
  // with self-loops (drawn on its left) keeps its lanes on the right.
  const leftS = new Uint8Array(ilinks.length);
  const leftT = new Uint8Array(ilinks.length);
  {
    const goesLeft = (i: number) => {
      const chain = chains[i]!;
      return frac(chain[chain.length - 1]!) < frac(chain[0]!) - 1e-9;
    };
    const counts = Array.from({ length: N }, () => [0, 0, 0, 0]); // up-left, down-left, up-right, down-right
    for (let v = 0; v < N; v++) {
      const loops = loopsOf.has(v);
      for (const i of upLanes[v]!) {
        const left = !loops && goesLeft(i);
        leftS[i] = left ? 1 : 0;
        counts[v]![left ? 0 : 2]!++;
      }
      for (const i of downLanes[v]!) {
        const left = !loops && goesLeft(i);
        leftT[i] = left ? 1 : 0;
        counts[v]![left ? 1 : 3]!++;
      }
      const [ul, dl, ur, dr] = counts[v]!;
      const laneMargin = (lanes: number) => (lanes > 0 ? LANE_FIRST + (lanes - 1) * LANE + 6 : 0);
      marginR[v] = laneMargin(Math.max(ur!, dr!));
      if (!loops) marginL[v] = laneMargin(Math.max(ul!, dl!));
    }
  }

  /* ---------------- 4. coordinates ---------------- */
  const left = new Float64Array(items);
  const right = new Float64Array(items);
  const cls = new Uint8Array(items); // 0 thin, 1 label, 2 box
  for (let x = 0; x < items; x++) {
    if (kind[x] === NODE) {
      const v = itemNode[x]!;
      left[x] = nw[v]! / 2 + marginL[v]!;
      right[x] = nw[v]! / 2 + marginR[v]!;
      cls[x] = role[v] === "node" && nw[v]! > 0 ? 2 : 0;
    } else if (kind[x] === LABEL) {
      left[x] = right[x] = ext[x]!;
      cls[x] = 1;
    }
  }
  const gapBetween = (a: number, b: number) => {
    const ca = cls[a]!;
    const cb = cls[b]!;
    if (ca === 2 && cb === 2) return GAP_NODE;
    if (ca === 2 || cb === 2) return GAP_MIXED;
    return GAP_THIN;
  };
  // Long edges stay straight: links between dummies pull hardest (Gansner et al.'s Ω weights, 1 / 2 / 8).
  const heavy = new Uint8Array(items);
  for (let x = 0; x < items; x++) heavy[x] = kind[x] !== NODE || role[itemNode[x]!] !== "node" ? 1 : 0;
  const anchorOf = new Float64Array(items).fill(NaN);
  for (let v = 0; v < n; v++) {
    const a = nodes[v]!.anchor;
    if (a !== undefined && a !== null && Number.isFinite(a)) anchorOf[v] = a;
  }
  const c = new Float64Array(items);
  // Offsets of each item from its layer's first item when packed tight: the order constraints, fixed from here on.
  const offsets = new Float64Array(items);
  for (const row of layers) {
    for (let k = 1; k < row.length; k++) {
      offsets[row[k]!] = offsets[row[k - 1]!]! + right[row[k - 1]!]! + gapBetween(row[k - 1]!, row[k]!) + left[row[k]!]!;
    }
    for (const x of row) c[x] = offsets[x]!;
  }
  let widest = 0;
  for (const row of layers) widest = Math.max(widest, row.length);
  const target = new Float64Array(widest);
  const weight = new Float64Array(widest);
  const fit = new Float64Array(widest);
  const place = (row: number[], mode: number) => {
    const m = row.length;
    for (let k = 0; k < m; k++) {
      const x = row[k]!;
      let sw = 0;
      let sx = 0;
      const hx = heavy[x]!;
      if (mode >= 0) {
        const ns = up[x]!;
        const off = upOff[x]!;
        for (let q = 0; q < ns.length; q++) {
          const y = ns[q]!;
          const w = hx & heavy[y]! ? 8 : hx | heavy[y]! ? 2 : 1;
          sw += w;
          sx += w * (c[y]! + off[q]!);
        }
      }
      if (mode <= 0) {
        const ns = down[x]!;
        const off = downOff[x]!;
        for (let q = 0; q < ns.length; q++) {
          const y = ns[q]!;
          const w = hx & heavy[y]! ? 8 : hx | heavy[y]! ? 2 : 1;
          sw += w;
          sx += w * (c[y]! + off[q]!);
        }
      }
      const an = anchorOf[x]!;
      if (an === an) {
        sw += 50;
        sx += 50 * an;
      }
      if (sw === 0) {
        target[k] = c[x]! - offsets[x]!;
        weight[k] = 0.01;
      } else {
        target[k] = sx / sw - offsets[x]!;
        weight[k] = sw;
      }
    }
    isotonic(target, weight, m, fit);
    for (let k = 0; k < m; k++) c[row[k]!] = fit[k]! + offsets[row[k]!]!;
  };
  const rounds = items > BIG ? 3 : 6;
  for (let r = 0; r < rounds; r++) {
    for (let L = 1; L < layerCount; L++) place(layers[L]!, 1);
    for (let L = layerCount - 2; L >= 0; L--) place(layers[L]!, -1);
  }
  for (let r = 0; r < 2; r++) for (let L = 0; L < layerCount; L++) place(layers[L]!, 0);
  let minX = Infinity;
  let maxX = -Infinity;
  for (let x = 0; x < items; x++) {
    minX = Math.min(minX, c[x]! - left[x]!);
    maxX = Math.max(maxX, c[x]! + right[x]!);
  }
  if (items === 0) minX = maxX = 0;
  for (let x = 0; x < items; x++) c[x] = c[x]! - minX;
  const width = maxX - minX;

  /* ---------------- 5. ports and lanes (cross axis) ---------------- */
  const isHub = (x: number) => kind[x] === JUNCTION || (kind[x] === NODE && role[itemNode[x]!] !== "node");
  // Face ports: per node, the ends on its bottom face (chains leaving downwards) and on its top face.
  const portBottom = new Float64Array(ilinks.length); // x of the port where a link leaves its upper end
  const portTop = new Float64Array(ilinks.length); // x of the port where it enters its lower end
  const bottomEnds: Array<Array<{ i: number; other: number; fixed: number | undefined }>> = Array.from({ length: N }, () => []);
  const topEnds: Array<Array<{ i: number; other: number; fixed: number | undefined }>> = Array.from({ length: N }, () => []);
  for (let i = 0; i < ilinks.length; i++) {
    const l = ilinks[i]!;
    const chain = chains[i]!;
    const u = chain[0]!;
    const w = chain[chain.length - 1]!;
    const topSide = l.back ? l.tSide : l.sSide;
    const bottomSide = l.back ? l.sSide : l.tSide;
    const topPort = l.back ? l.tPort : l.sPort;
    const bottomPort = l.back ? l.sPort : l.tPort;
    if (!topSide) bottomEnds[u]!.push({ i, other: c[chain[1]!]!, fixed: topPort });
    if (!bottomSide) topEnds[w]!.push({ i, other: c[chain[chain.length - 2]!]!, fixed: bottomPort });
  }
  const assignPorts = (v: number, ends: Array<{ i: number; other: number; fixed: number | undefined }>, face: "top" | "bottom") => {
    if (ends.length === 0) return;
    const boxLeft = c[v]! - nw[v]! / 2;
    const fixed: number[] = [];
    const free: typeof ends = [];
    for (const e of ends) {
      if (e.fixed !== undefined) {
        (face === "top" ? portTop : portBottom)[e.i] = boxLeft + e.fixed;
        fixed.push(boxLeft + e.fixed);
      } else free.push(e);
    }
    if (free.length === 0) return;
    if (nw[v]! === 0) {
      for (const e of free) (face === "top" ? portTop : portBottom)[e.i] = c[v]!;
      return;
    }
    free.sort((a, b) => a.other - b.other || a.i - b.i);
    const w = nw[v]!;
    const k = free.length;
    for (let j = 0; j < k; j++) {
      const even = boxLeft + (w * (j + 1)) / (k + 1);
      let x = even;
      // Keep clear of ports fixed by the frame's content (edges crossing it).
      for (let step = 1; step < 60 && fixed.some((f) => Math.abs(f - x) < PORT_MIN_GAP); step++) {
        const delta = Math.ceil(step / 2) * 3 * (step % 2 ? 1 : -1);
        x = Math.min(boxLeft + w - 2, Math.max(boxLeft + 2, even + delta));
      }
      (face === "top" ? portTop : portBottom)[free[j]!.i] = x;
    }
  };
  for (let v = 0; v < N; v++) {
    assignPorts(v, bottomEnds[v]!, "bottom");
    assignPorts(v, topEnds[v]!, "top");
  }
  // A link straight to the next layer leaves in the order its far ends were given (a fixed port or a spread one
  // may sit left or right of the box's centre): the free ports of each face are dealt out again in that order.
  const resort = (ends: Array<{ i: number; fixed: number | undefined }>, ports: Float64Array, otherX: (i: number) => number) => {
    const free = ends.filter((e) => e.fixed === undefined);
    if (free.length < 2) return;
    const xs = free.map((e) => ports[e.i]!).sort((a, b) => a - b);
    free.sort((a, b) => otherX(a.i) - otherX(b.i) || ports[a.i]! - ports[b.i]!);
    free.forEach((e, j) => (ports[e.i] = xs[j]!));
  };
  const direct = (i: number) => chains[i]!.length === 2 && !(ilinks[i]!.back ? ilinks[i]!.sSide : ilinks[i]!.tSide) && !(ilinks[i]!.back ? ilinks[i]!.tSide : ilinks[i]!.sSide);
  for (let v = 0; v < N; v++) resort(bottomEnds[v]!, portBottom, (i) => (direct(i) ? portTop[i]! : c[chains[i]![1]!]!));
  for (let v = 0; v < N; v++) resort(topEnds[v]!, portTop, (i) => (direct(i) ? portBottom[i]! : c[chains[i]![chains[i]!.length - 2]!]!));
  // Side lanes: lane position and stub slot per (ilink, end).
  // Per link: lane and stub slot at its real source (s) and real target (t) when they attach by the side.
  const laneS = new Float64Array(ilinks.length);
  const laneT = new Float64Array(ilinks.length);
  const slotS = new Int32Array(ilinks.length);
  const slotT = new Int32Array(ilinks.length);
  const slotCount = new Int32Array(2 * N); // per node and side (0 right, 1 left)
  for (let v = 0; v < N; v++) {
    for (const side of [0, 1] as const) {
      const ups = upLanes[v]!.filter((i) => leftS[i] === side);
      const downs = downLanes[v]!.filter((i) => leftT[i] === side);
      if (ups.length === 0 && downs.length === 0) continue;
      const dir = side === 1 ? -1 : 1;
      const edgeX = c[v]! + (dir * nw[v]!) / 2;
      const slots = ups.length + downs.length;
      slotCount[2 * v + side] = slots;
      // Up lanes, sorted by where they go; the outermost lane takes the lowest stub (no crossings in the margin).
      const upSorted = ups.map((i) => ({ i, other: dir * c[chains[i]![chains[i]!.length - 2]!]! })).sort((a, b) => a.other - b.other || a.i - b.i);
      upSorted.forEach(({ i }, j) => {
        laneS[i] = edgeX + dir * (LANE_FIRST + j * LANE);
        slotS[i] = j;
      });
      const downSorted = downs.map((i) => ({ i, other: dir * c[chains[i]![1]!]! })).sort((a, b) => a.other - b.other || a.i - b.i);
      downSorted.forEach(({ i }, j) => {
        laneT[i] = edgeX + dir * (LANE_FIRST + j * LANE);
        slotT[i] = slots - 1 - j;
      });
    }
  }
  // The column (cross position) of each chain item as the route passes it.
  const topSideOf = (l: ILink) => (l.back ? l.tSide : l.sSide);
  const bottomSideOf = (l: ILink) => (l.back ? l.sSide : l.tSide);
  const colX = (i: number, k: number): number => {
    const l = ilinks[i]!;
    const chain = chains[i]!;
    if (k === 0) return topSideOf(l) ? (l.back ? laneT[i]! : laneS[i]!) : portBottom[i]!;
    if (k === chain.length - 1) return bottomSideOf(l) ? (l.back ? laneS[i]! : laneT[i]!) : portTop[i]!;
    return c[chain[k]!]!;
  };

  /* ---------------- 6. gaps between layers: S-curves, or tracks for long jumps and hub fans ---------------- */
  // A step from layer L to L + 1 that moves far sideways is drawn orthogonally on its own horizontal track in the
  // gap (two such steps never share a stretch); the links fanning out of (into) a junction or frame point share one
  // track, a bus, declared as their merge. Gaps grow with their tracks.
  const TRACK = 7;
  const FLAT = RANK_GAP * 0.75;
  interface Step {
    i: number;
    k: number; // chain position of the upper item
    x1: number;
    x2: number;
    track: number; // -1: S-curve (or a straight line into a hub)
    bus: number; // -1, or the hub item whose bus this step rides
  }
  const stepsOf: Step[][] = Array.from({ length: Math.max(0, layerCount - 1) }, () => []);
  const stepsByLink: Step[][] = new Array(ilinks.length);
  for (let i = 0; i < ilinks.length; i++) {
    const chain = chains[i]!;
    const own: Step[] = (stepsByLink[i] = []);
    for (let k = 0; k + 1 < chain.length; k++) {
      const step: Step = { i, k, x1: colX(i, k), x2: colX(i, k + 1), track: -1, bus: -1 };
      own.push(step);
      stepsOf[itemLayer[chain[k]!]!]!.push(step);
      const a = chain[k]!;
      const b = chain[k + 1]!;
      if (isHub(a) && down[a]!.length > 1) step.bus = a;
      else if (isHub(b) && up[b]!.length > 1) step.bus = b;
    }
  }
  const gapTracks = new Int32Array(Math.max(0, layerCount - 1));
  for (let L = 0; L + 1 < layerCount; L++) {
    interface Run {
      lo: number;
      hi: number;
      steps: Step[];
      order: number;
      /** Where its verticals run above its track, and below it. */
      ups: number[];
      downs: number[];
    }
    const runs: Run[] = [];
    const buses = new Map<number, Step[]>();
    for (const st of stepsOf[L]!) {
      if (st.bus >= 0) {
        let list = buses.get(st.bus);
        if (!list) buses.set(st.bus, (list = []));
        list.push(st);
      } else if (Math.abs(st.x2 - st.x1) > FLAT) {
        // Right-going steps starting further left go lower, left-going ones starting further right go lower:
        // no crossings among steps going the same way.
        runs.push({ lo: Math.min(st.x1, st.x2), hi: Math.max(st.x1, st.x2), steps: [st], order: st.x2 > st.x1 ? -st.x1 : 1e9 + st.x1, ups: [st.x1], downs: [st.x2] });
      }
    }
    for (const [hub, list] of buses) {
      const out = chains[list[0]!.i]![list[0]!.k] === hub; // the hub is above: a fan-out
      const hubX = out ? list[0]!.x1 : list[0]!.x2;
      let lo = hubX;
      let hi = hubX;
      let spread = 0;
      const others: number[] = [];
      for (const st of list) {
        const other = out ? st.x2 : st.x1;
        others.push(other);
        lo = Math.min(lo, other);
        hi = Math.max(hi, other);
        spread = Math.max(spread, Math.abs(other - hubX));
      }
      if (spread <= FLAT) continue; // a small fan: straight lines meeting at the hub
      runs.push({ lo, hi, steps: list, order: 5e8 + hubX, ups: out ? [hubX] : others, downs: out ? others : [hubX] });
    }
    // A run whose vertical below its track stands where another's runs above its own must go lower than that one
    // (else the two verticals would lie on top of each other). Tracks follow these constraints; runs caught in a
    // cycle of them fall back to S-curves (straight lines for a fan).
    runs.sort((a, b) => a.order - b.order);
    const R = runs.length;
    const above: number[][] = Array.from({ length: R }, () => []);
    const indeg2 = new Int32Array(R);
    if (R > 1) {
      const ends = runs.flatMap((r, idx) => r.ups.map((x) => [x, idx] as const)).sort((p, q) => p[0] - q[0]);
      for (let ia = 0; ia < R; ia++) {
        for (const d of runs[ia]!.downs) {
          // Binary search the first up-vertical near d.
          let lo2 = 0;
          let hi2 = ends.length;
          while (lo2 < hi2) {
            const mid = (lo2 + hi2) >> 1;
            if (ends[mid]![0] < d - 3) lo2 = mid + 1;
            else hi2 = mid;
          }
          for (let q = lo2; q < ends.length && ends[q]![0] <= d + 3; q++) {
            const ib = ends[q]![1];
            if (ib === ia || above[ia]!.includes(ib)) continue;
            above[ia]!.push(ib); // ib above ia
            indeg2[ia]!++;
          }
        }
      }
    }
    const below: number[][] = Array.from({ length: R }, () => []);
    for (let ia = 0; ia < R; ia++) for (const ib of above[ia]!) below[ib]!.push(ia);
    const tracks: Array<Array<[number, number]>> = [];
    const trackOf = new Int32Array(R).fill(-1);
    const ready: number[] = [];
    for (let r = 0; r < R; r++) if (indeg2[r] === 0) ready.push(r);
    while (ready.length > 0) {
      // Lowest `order` first among the runs free to go.
      let best2 = 0;
      for (let q = 1; q < ready.length; q++) if (ready[q]! < ready[best2]!) best2 = q;
      const r = ready.splice(best2, 1)[0]!;
      const run = runs[r]!;
      let minTrack = 0;
      for (const ib of above[r]!) minTrack = Math.max(minTrack, trackOf[ib]! + 1);
      // Below every run placed before it that it overlaps: runs going the same way keep their order (a first-fit
      // track above an earlier run would put its vertical across that run's track).
      let t = minTrack;
      for (let q = tracks.length - 1; q >= minTrack; q--) {
        if (tracks[q]!.some(([a2, b2]) => a2 < run.hi + 8 && run.lo < b2 + 8)) {
          t = q + 1;
          break;
        }
      }
      if (t === tracks.length) tracks.push([]);
      tracks[t]!.push([run.lo, run.hi]);
      trackOf[r] = t;
      for (const st of run.steps) st.track = t;
      for (const ia of below[r]!) if (--indeg2[ia]! === 0) ready.push(ia);
    }
    gapTracks[L] = tracks.length;
  }

  /* ---------------- 7. y: one band per layer, gaps sized by their tracks ---------------- */
  const bandTop = new Float64Array(layerCount);
  const bandBottom = new Float64Array(layerCount);
  const layerY = new Float64Array(layerCount);
  const gapH = new Float64Array(Math.max(0, layerCount - 1));
  const isBoundary = (row: number[]) => row.length > 0 && row.every((x) => kind[x] === NODE && (role[itemNode[x]!] === "top" || role[itemNode[x]!] === "bottom"));
  {
    let cursor = 0;
    for (let L = 0; L < layerCount; L++) {
      let H = 0;
      for (const x of layers[L]!) {
        if (kind[x] === NODE || kind[x] === JUNCTION) H = Math.max(H, rankSize[itemNode[x]!]!);
        else if (kind[x] === LABEL) H = Math.max(H, labelH[x]!);
      }
      bandTop[L] = cursor;
      layerY[L] = cursor + H / 2;
      bandBottom[L] = cursor + H;
      const next = layers[L + 1];
      if (next) {
        const base = isBoundary(layers[L]!) || isBoundary(next) ? BOUNDARY_GAP : RANK_GAP;
        gapH[L] = Math.max(base, (gapTracks[L]! + 1) * TRACK + 16);
        cursor += H + gapH[L]!;
      }
    }
  }
  const trackY = (L: number, t: number) => bandBottom[L]! + 8 + ((gapH[L]! - 16) * (t + 1)) / (gapTracks[L]! + 1);
  const height = layerCount > 0 ? bandBottom[layerCount - 1]! : 0;
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    cx[v] = c[v]!;
    cy[v] = layerY[itemLayer[v]!]!;
  }
  const yOf = (x: number) => layerY[itemLayer[x]!]!;
  const stubYOf = (slot: number, v: number, left: number) => yOf(v) - nh[v]! / 2 + (nh[v]! * (slot + 1)) / (slotCount[2 * v + left]! + 1);
  const sideX = (v: number, left: number) => c[v]! + ((left ? -1 : 1) * nw[v]!) / 2;

  /* ---------------- 8. waypoints per link ---------------- */
  const ipieces: LPiece[] = new Array(ilinks.length);
  for (let i = 0; i < ilinks.length; i++) {
    const l = ilinks[i]!;
    const chain = chains[i]!;
    const u = chain[0]!;
    const w = chain[chain.length - 1]!;
    const Lu = itemLayer[u]!;
    const Lw = itemLayer[w]!;
    const pts: Pt[] = [];
    const kinds: SegKind[] = [];
    const push = (p: Pt, k: SegKind) => {
      if (pts.length > 0) kinds.push(k);
      pts.push(p);
    };
    const junctions: Pt[] = [];
    // Top end.
    if (topSideOf(l)) {
      const left = l.back ? leftT[i]! : leftS[i]!;
      const ys = stubYOf(l.back ? slotT[i]! : slotS[i]!, u, left);
      const lx = l.back ? laneT[i]! : laneS[i]!;
      push([sideX(u, left), ys], "line");
      push([lx, ys], "line");
      push([lx, bandBottom[Lu]!], "line");
    } else {
      const px = portBottom[i]!;
      push([px, yOf(u) + nh[u]! / 2], "line");
      push([px, bandBottom[Lu]!], "line");
      if (isHub(u)) junctions.push([px, bandTop[Lu]!], [px, bandBottom[Lu]!]);
    }
    for (let k = 0; k + 1 < chain.length; k++) {
      const st = stepsByLink[i]![k]!;
      const L = itemLayer[chain[k]!]!;
      const y2 = bandTop[L + 1]!;
      if (st.track >= 0) {
        const ty = trackY(L, st.track);
        push([st.x1, ty], "line");
        push([st.x2, ty], "line");
        push([st.x2, y2], "line");
        if (st.bus >= 0) junctions.push(st.bus === chain[k] ? [st.x2, ty] : [st.x1, ty]);
      } else {
        const toHub = isHub(chain[k]!) || isHub(chain[k + 1]!);
        push([st.x2, y2], toHub ? "line" : "curve");
      }
      if (k + 1 < chain.length - 1) push([st.x2, bandBottom[L + 1]!], "line"); // through the next layer's band
    }
    // Bottom end.
    if (bottomSideOf(l)) {
      const left = l.back ? leftS[i]! : leftT[i]!;
      const ys = stubYOf(l.back ? slotS[i]! : slotT[i]!, w, left);
      push([l.back ? laneS[i]! : laneT[i]!, ys], "line");
      push([sideX(w, left), ys], "line");
    } else {
      const px = portTop[i]!;
      push([px, yOf(w) - nh[w]! / 2], "line");
      if (isHub(w)) junctions.push([px, bandTop[Lw]!], [px, bandBottom[Lw]!]);
    }
    let label: Box | null = null;
    const li = labelItem[i]!;
    if (li >= 0 && l.label) {
      label = { x: c[li]! - l.label.w / 2, y: yOf(li) - l.label.h / 2, width: l.label.w, height: l.label.h };
    }
    if (l.back) {
      pts.reverse();
      kinds.reverse();
    }
    ipieces[i] = { points: pts, kinds, junctions, label };
  }

  /* ---------------- pieces per input link ---------------- */
  const pieces: LPiece[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const parts = origParts[i]!;
    if (l.s === l.t) {
      pieces[i] = selfLoop(i);
      continue;
    }
    if (parts.length === 1) {
      pieces[i] = ipieces[parts[0]!]!;
      continue;
    }
    const chainPieces = parts.map((k) => ipieces[k]!);
    let points = chainPieces[0]!.points;
    let kinds = chainPieces[0]!.kinds;
    for (const next of chainPieces.slice(1)) {
      points = points.concat(next.points.slice(1));
      kinds = kinds.concat(next.kinds);
    }
    const seen = new Set<string>();
    const junctions: Pt[] = [];
    // The edges of one source (one target) share its link to (from) the junction: its ends are merge points too.
    for (const p of [points[0]!, ...chainPieces.flatMap((c) => c.junctions), points[points.length - 1]!]) {
      const k = `${p[0]},${p[1]}`;
      if (!seen.has(k)) {
        seen.add(k);
        junctions.push(p);
      }
    }
    pieces[i] = { points, kinds, junctions, label: null };
  }

  function selfLoop(i: number): LPiece {
    const l = links[i]!;
    const v = l.s;
    const loops = loopsOf.get(v)!;
    const k = loops.indexOf(i);
    const dist = loopDist.get(v)![k]!;
    const boxLeft = c[v]! - nw[v]! / 2;
    const cyv = yOf(v);
    const avail = Math.max(4, nh[v]! / 2 - 4);
    const S = loops.length;
    const spread = S === 1 ? avail : Math.min(avail, 4 + ((k + 1) * (avail - 4)) / S);
    const lx = boxLeft - dist;
    const points: Pt[] = [
      [boxLeft, cyv - spread],
      [lx, cyv - spread],
      [lx, cyv + spread],
      [boxLeft, cyv + spread],
    ];
    const label = l.label ? { x: lx - l.label.w / 2, y: cyv - l.label.h / 2, width: l.label.w, height: l.label.h } : null;
    return { points, kinds: ["line", "line", "line"], junctions: [], label };
  }

  return { cx, cy, width, height, pieces, crossings };
}
