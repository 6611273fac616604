/**
 * Step 6: the gaps between layers: S-curves, or tracks for long sideways steps and hub fans.
 */
import type { BuildLinksOut } from "./links";
import type { RankNodesOut } from "./ranking";
import type { BuildChainsOut } from "./chains";
import type { OrderItemsOut } from "./order-items";
import type { PlaceItemsOut } from "./coordinates";
import type { AssignPortsAndLanesOut } from "./ports";
import { RANK_GAP, type LayeredInput } from "./model";

export function assignTracks(g: Pick<LayeredInput & BuildLinksOut & RankNodesOut & BuildChainsOut & OrderItemsOut & PlaceItemsOut & AssignPortsAndLanesOut, "ilinks" | "itemLayer" | "chains" | "layerCount" | "up" | "down" | "isHub" | "colX">) {
  const { ilinks, itemLayer, chains, layerCount, up, down, isHub, colX } = g;
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
  return { TRACK, stepsByLink, gapTracks };
}

export type AssignTracksOut = ReturnType<typeof assignTracks>;
