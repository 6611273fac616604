/**
 * Step 4: cross-axis coordinates by weighted least squares per layer (pool-adjacent-violators).
 */
import { isotonic } from "../isotonic";
import type { BuildLinksOut } from "./links";
import type { RankNodesOut } from "./ranking";
import type { BuildChainsOut } from "./chains";
import type { OrderItemsOut } from "./order-items";
import { BIG, GAP_MIXED, GAP_NODE, GAP_THIN, LABEL, NODE, type LayeredInput } from "./model";

export function placeItems(g: Pick<LayeredInput & BuildLinksOut & RankNodesOut & BuildChainsOut & OrderItemsOut, "nodes" | "n" | "nw" | "role" | "marginR" | "marginL" | "kind" | "itemNode" | "ext" | "items" | "layerCount" | "up" | "down" | "upOff" | "downOff" | "layers">) {
  const { nodes, n, nw, role, marginR, marginL, kind, itemNode, ext, items, layerCount, up, down, upOff, downOff, layers } = g;
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
  return { left, c, width };
}

export type PlaceItemsOut = ReturnType<typeof placeItems>;
