/**
 * Step 3b: the order in each layer (ordering.ts), back links' dummies outside their twins, the sides of their lanes.
 */
import { orderLayers, type OrderSegment } from "../ordering";
import type { BuildLinksOut } from "./links";
import type { RankNodesOut } from "./ranking";
import type { BuildChainsOut } from "./chains";
import { BIG, LANE, LANE_FIRST, type LayeredInput } from "./model";

export function orderItems(g: Pick<LayeredInput & BuildLinksOut & RankNodesOut & BuildChainsOut, "nodes" | "options" | "n" | "nw" | "ilinks" | "loopsOf" | "N" | "upLanes" | "downLanes" | "marginR" | "marginL" | "itemLayer" | "itemNode" | "chains" | "items" | "up" | "down" | "layers">) {
  const { nodes, options, n, nw, ilinks, loopsOf, N, upLanes, downLanes, marginR, marginL, itemLayer, itemNode, chains, items, up, down, layers } = g;
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
  return { fixed, leftS, leftT, crossings };
}

export type OrderItemsOut = ReturnType<typeof orderItems>;
