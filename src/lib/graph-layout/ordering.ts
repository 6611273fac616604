/**
 * Ordering the items of a layered graph to reduce crossings (step 3 of the layered layout).
 *
 * Layer sweeps by barycenter, each followed by adjacent exchange (transpose), from several starting orders (the
 * depth-first order, its mirror, and seeded shuffles), keeping the order with the fewest crossings. Crossings are
 * counted on the ports: where a link meets a box at a fixed port (a frame's crossing point), it counts at that
 * port's place, not at the box's centre, so the order sees the crossings the drawing will have.
 */

/** A link between consecutive layers: `a` in layer L, `b` in layer L + 1. */
export interface OrderSegment {
  a: number;
  b: number;
  /** Where the link meets `a` and `b`, as a fraction of one position left (−) or right (+) of the item (fixed ports). */
  fa: number;
  fb: number;
}

export interface OrderOptions {
  /** Sweeps (down and up) per start at most; a start stops earlier after a few sweeps without progress. */
  maxSweeps: number;
  /** Starting orders tried (the given order first, then its mirror, then seeded shuffles). */
  starts: number;
  /** Adjacent exchange after every sweep. */
  transpose: boolean;
  /**
   * Called with the current positions before each sweep and count: may update the segments' `fa` / `fb` (ends that
   * attach by a box's side, whose side follows the order).
   */
  refresh?: (pos: Float64Array, layers: number[][]) => void;
  /**
   * A wanted order for some items (NaN for the others): a layer whose items all have one is sorted by it and never
   * reordered (a frame's crossing points, ordered like the edges outside the frame).
   */
  fixed?: Float64Array;
}

interface Adjacency {
  /** Per item: neighbours in the layer above (below), and the segment of each (for the port fraction at its end). */
  upN: number[][];
  upS: number[][];
  downN: number[][];
  downS: number[][];
  /** Segments per gap (gap L joins layer L and L + 1). */
  gaps: OrderSegment[][];
}

function adjacency(items: number, layerOf: ArrayLike<number>, layerCount: number, segments: readonly OrderSegment[]): Adjacency {
  const upN: number[][] = Array.from({ length: items }, () => []);
  const upS: number[][] = Array.from({ length: items }, () => []);
  const downN: number[][] = Array.from({ length: items }, () => []);
  const downS: number[][] = Array.from({ length: items }, () => []);
  const gaps: OrderSegment[][] = Array.from({ length: Math.max(0, layerCount - 1) }, () => []);
  segments.forEach((s, k) => {
    downN[s.a]!.push(s.b);
    downS[s.a]!.push(k);
    upN[s.b]!.push(s.a);
    upS[s.b]!.push(k);
    gaps[layerOf[s.a]!]!.push(s);
  });
  return { upN, upS, downN, downS, gaps };
}

/** Crossings between two consecutive layers: inversions of the lower ends when sorted by the upper ends (merge count). */
function gapCrossings(gap: readonly OrderSegment[], pos: Float64Array, work: { ka: Float64Array; kb: Float64Array; keys: Float64Array; tmp: Float64Array; order: number[] }): number {
  const m = gap.length;
  if (m < 2) return 0;
  const { ka, kb, keys, tmp, order } = work;
  order.length = m;
  for (let k = 0; k < m; k++) {
    const sg = gap[k]!;
    ka[k] = pos[sg.a]! + sg.fa;
    kb[k] = pos[sg.b]! + sg.fb;
    order[k] = k;
  }
  order.sort((p, q) => ka[p]! - ka[q]! || kb[p]! - kb[q]!);
  for (let k = 0; k < m; k++) keys[k] = kb[order[k]!]!;
  return inversions(keys, tmp, 0, m);
}

/** Strict inversions in keys[lo, hi) (pairs i < j with keys[i] > keys[j]); sorts that range. */
function inversions(keys: Float64Array, tmp: Float64Array, lo: number, hi: number): number {
  if (hi - lo < 2) return 0;
  const mid = (lo + hi) >> 1;
  let n = inversions(keys, tmp, lo, mid) + inversions(keys, tmp, mid, hi);
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) {
    if (keys[j]! < keys[i]!) {
      n += mid - i;
      tmp[k++] = keys[j++]!;
    } else tmp[k++] = keys[i++]!;
  }
  while (i < mid) tmp[k++] = keys[i++]!;
  while (j < hi) tmp[k++] = keys[j++]!;
  for (let q = lo; q < hi; q++) keys[q] = tmp[q]!;
  return n;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Orders `layers` in place (each a list of item ids) to reduce the crossings of `segments`, and returns the number
 * of crossings of the order kept. `layerOf[x]` is the index of x's layer.
 */
export function orderLayers(layers: number[][], layerOf: ArrayLike<number>, segments: readonly OrderSegment[], options: OrderOptions): number {
  const items = layerOf.length;
  const L = layers.length;
  const adj = adjacency(items, layerOf, L, segments);
  const pos = new Float64Array(items);
  let widestGap = 0;
  for (const g of adj.gaps) widestGap = Math.max(widestGap, g.length);
  const work = { ka: new Float64Array(widestGap), kb: new Float64Array(widestGap), keys: new Float64Array(widestGap), tmp: new Float64Array(widestGap), order: [] as number[] };
  const setPos = () => {
    for (const row of layers) for (let k = 0; k < row.length; k++) pos[row[k]!] = k;
  };
  const count = () => {
    options.refresh?.(pos, layers);
    let total = 0;
    for (const g of adj.gaps) total += gapCrossings(g, pos, work);
    return total;
  };

  /** The port fraction of segment k at its upper end (`dir` 1: seen from below) or at its lower end (−1). */
  const frac = (k: number, dir: 1 | -1) => (dir === 1 ? segments[k]!.fa : segments[k]!.fb);

  /** One barycenter sweep down (`dir` 1: each layer by the one above) or up (−1); ties go left or right by `bias`. */
  const sweep = (dir: 1 | -1, bias: 1 | -1) => {
    const nbrs = dir === 1 ? adj.upN : adj.downN;
    const segs = dir === 1 ? adj.upS : adj.downS;
    for (let l = dir === 1 ? 1 : L - 2; l >= 0 && l < L; l += dir) {
      if (frozen[l]) continue;
      const row = layers[l]!;
      const keyed = row.map((x) => {
        const ns = nbrs[x]!;
        if (ns.length === 0) return { x, key: pos[x]!, tie: pos[x]! };
        const ss = segs[x]!;
        let sum = 0;
        for (let q = 0; q < ns.length; q++) sum += pos[ns[q]!]! + frac(ss[q]!, dir);
        return { x, key: sum / ns.length, tie: pos[x]! };
      });
      keyed.sort((p, q) => p.key - q.key || bias * (p.tie - q.tie));
      for (let k = 0; k < keyed.length; k++) {
        row[k] = keyed[k]!.x;
        pos[keyed[k]!.x] = k;
      }
    }
  };

  /** Crossings between the links of u and of v towards one layer when u stands left of v. */
  const pair = (u: number, v: number, dir: 1 | -1) => {
    const nbrs = dir === 1 ? adj.upN : adj.downN;
    const segs = dir === 1 ? adj.upS : adj.downS;
    const nu = nbrs[u]!;
    const nv = nbrs[v]!;
    if (nu.length === 0 || nv.length === 0) return 0;
    const su = segs[u]!;
    const sv = segs[v]!;
    let n = 0;
    for (let i = 0; i < nu.length; i++) {
      const pu = pos[nu[i]!]! + frac(su[i]!, dir);
      for (let j = 0; j < nv.length; j++) if (pu > pos[nv[j]!]! + frac(sv[j]!, dir)) n++;
    }
    return n;
  };
  /** Adjacent exchange: swap neighbours in a layer while that removes crossings (Gansner et al.'s transpose). */
  const transpose = () => {
    for (let pass = 0; pass < 8; pass++) {
      let improved = false;
      for (let l = 0; l < L; l++) {
        if (frozen[l]) continue;
        const row = layers[l]!;
        for (let k = 0; k + 1 < row.length; k++) {
          const u = row[k]!;
          const v = row[k + 1]!;
          const now = pair(u, v, 1) + pair(u, v, -1);
          if (now === 0) continue;
          const swapped = pair(v, u, 1) + pair(v, u, -1);
          if (swapped < now) {
            row[k] = v;
            row[k + 1] = u;
            pos[v] = k;
            pos[u] = k + 1;
            improved = true;
          }
        }
      }
      if (!improved) break;
    }
  };

  const frozen = new Uint8Array(L);
  if (options.fixed) {
    const key = options.fixed;
    for (let l = 0; l < L; l++) {
      const row = layers[l]!;
      if (row.length === 0 || !row.every((x) => key[x] === key[x])) continue;
      frozen[l] = 1;
      row.sort((a, b) => key[a]! - key[b]!);
    }
  }
  const initial = layers.map((r) => r.slice());
  let best = initial.map((r) => r.slice());
  setPos();
  let bestCrossings = count();
  const random = rng(0x9e3779b9 ^ items ^ (segments.length << 12));
  for (let start = 0; start < options.starts && bestCrossings > 0; start++) {
    for (let l = 0; l < L; l++) {
      const row = initial[l]!.slice();
      if (frozen[l]) {
        layers[l] = row;
        continue;
      }
      if (start === 1) row.reverse();
      else if (start >= 2) {
        for (let k = row.length - 1; k > 0; k--) {
          const j = Math.floor(random() * (k + 1));
          [row[k], row[j]] = [row[j]!, row[k]!];
        }
      }
      layers[l] = row;
    }
    setPos();
    let stale = 0;
    let local = Infinity;
    for (let it = 0; it < options.maxSweeps; it++) {
      options.refresh?.(pos, layers);
      sweep(it % 2 === 0 ? 1 : -1, it % 4 < 2 ? 1 : -1);
      if (options.transpose) transpose();
      const c = count();
      if (c < bestCrossings) {
        bestCrossings = c;
        best = layers.map((r) => r.slice());
      }
      if (c < local) {
        local = c;
        stale = 0;
      } else if (++stale >= 4) break;
      if (bestCrossings === 0) break;
    }
  }
  for (let l = 0; l < L; l++) layers[l] = best[l]!;
  return bestCrossings;
}
