/**
 * Step 5: ports on the boxes' faces and lanes beside them (cross axis).
 */
import type { BuildLinksOut } from "./links";
import type { RankNodesOut } from "./ranking";
import type { BuildChainsOut } from "./chains";
import type { OrderItemsOut } from "./order-items";
import type { PlaceItemsOut } from "./coordinates";
import { JUNCTION, LANE, LANE_FIRST, NODE, PORT_MIN_GAP, type ILink, type LayeredInput } from "./model";

export function assignPortsAndLanes(g: Pick<LayeredInput & BuildLinksOut & RankNodesOut & BuildChainsOut & OrderItemsOut & PlaceItemsOut, "nw" | "role" | "ilinks" | "N" | "upLanes" | "downLanes" | "kind" | "itemNode" | "chains" | "leftS" | "leftT" | "c">) {
  const { nw, role, ilinks, N, upLanes, downLanes, kind, itemNode, chains, leftS, leftT, c } = g;
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
  return { isHub, portBottom, portTop, laneS, laneT, slotS, slotT, slotCount, topSideOf, bottomSideOf, colX };
}

export type AssignPortsAndLanesOut = ReturnType<typeof assignPortsAndLanes>;
