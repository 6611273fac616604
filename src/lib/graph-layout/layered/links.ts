/**
 * Step 1: links, self-loops and junctions (complete bipartite joins), and the margins beside boxes.
 */
import { JUNCTION_MIN_EDGES, LANE, LOOP_FIRST, type ILink, type LNode, type LayeredInput } from "./model";

export function buildLinks(g: Pick<LayeredInput, "nodes" | "links">) {
  const { nodes, links } = g;
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
  return { n, nw, nh, role, ilinks, origParts, loopsOf, N, upLanes, downLanes, marginR, marginL, rankSize, loopDist };
}

export type BuildLinksOut = ReturnType<typeof buildLinks>;
