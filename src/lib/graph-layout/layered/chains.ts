/**
 * Step 3a: long links cut into one dummy per layer crossed, empty layers compacted, adjacency, a first order.
 */
import type { BuildLinksOut } from "./links";
import type { RankNodesOut } from "./ranking";
import { DUMMY, JUNCTION, LABEL, NODE, type ItemKind, type LayeredInput } from "./model";

export function buildChains(g: Pick<LayeredInput & BuildLinksOut & RankNodesOut, "nw" | "role" | "ilinks" | "N" | "upper" | "lower" | "layer">) {
  const { nw, role, ilinks, N, upper, lower, layer } = g;
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
  return { kind, itemLayer, itemNode, ext, labelH, chains, labelItem, items, layerCount, up, down, upOff, downOff, layers };
}

export type BuildChainsOut = ReturnType<typeof buildChains>;
