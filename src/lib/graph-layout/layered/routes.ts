/**
 * Steps 7 and 8: y per layer (gaps sized by their tracks) and the waypoints of every link.
 */
import type { Pt, SegKind } from "../geometry";
import type { BuildLinksOut } from "./links";
import type { RankNodesOut } from "./ranking";
import type { BuildChainsOut } from "./chains";
import type { OrderItemsOut } from "./order-items";
import type { PlaceItemsOut } from "./coordinates";
import type { AssignPortsAndLanesOut } from "./ports";
import type { AssignTracksOut } from "./tracks";
import { BOUNDARY_GAP, JUNCTION, LABEL, NODE, RANK_GAP, type Box, type LPiece, type LayeredInput } from "./model";

export function buildRoutes(g: Pick<LayeredInput & BuildLinksOut & RankNodesOut & BuildChainsOut & OrderItemsOut & PlaceItemsOut & AssignPortsAndLanesOut & AssignTracksOut, "links" | "n" | "nw" | "nh" | "role" | "ilinks" | "origParts" | "loopsOf" | "rankSize" | "loopDist" | "kind" | "itemLayer" | "itemNode" | "labelH" | "chains" | "labelItem" | "layerCount" | "layers" | "leftS" | "leftT" | "left" | "c" | "width" | "isHub" | "portBottom" | "portTop" | "laneS" | "laneT" | "slotS" | "slotT" | "slotCount" | "topSideOf" | "bottomSideOf" | "TRACK" | "stepsByLink" | "gapTracks">) {
  const { links, n, nw, nh, role, ilinks, origParts, loopsOf, rankSize, loopDist, kind, itemLayer, itemNode, labelH, chains, labelItem, layerCount, layers, leftS, leftT, c, isHub, portBottom, portTop, laneS, laneT, slotS, slotT, slotCount, topSideOf, bottomSideOf, TRACK, stepsByLink, gapTracks } = g;
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
  return { cx, cy, height, pieces };
}

export type BuildRoutesOut = ReturnType<typeof buildRoutes>;
