/**
 * Step 2: layers by longest path, sources and fan-out nodes pulled down.
 */
import type { BuildLinksOut } from "./links";
import { type ILink, type LayeredInput } from "./model";

export function rankNodes(g: Pick<LayeredInput & BuildLinksOut, "role" | "ilinks" | "N">) {
  const { role, ilinks, N } = g;
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
  return { upper, lower, layer };
}

export type RankNodesOut = ReturnType<typeof rankNodes>;
