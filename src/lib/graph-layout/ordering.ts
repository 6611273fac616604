/**
 * Ordering the items of a layered graph to reduce crossings: barycenter sweeps, adjacent exchange, and the crossing
 * count that decides which order to keep.
 */
/** One barycenter sweep: `dir` 1 goes down (each layer by its upper neighbours), -1 goes up. */
export function sweep(
  layers: number[][],
  nbrs: number[][],
  offsets: number[][],
  pos: Float64Array,
  widths: number[],
  itemNode: number[],
  dir: 1 | -1,
) {
  const count = layers.length;
  const start = dir === 1 ? 1 : count - 2;
  for (let L = start; L >= 0 && L < count; L += dir) {
    const row = layers[L]!;
    const keyed = row.map((x) => {
      const ns = nbrs[x]!;
      if (ns.length === 0) return { x, key: pos[x]!, tie: pos[x]! };
      let sum = 0;
      const off = offsets[x]!;
      for (let q = 0; q < ns.length; q++) {
        const y = ns[q]!;
        const v = itemNode[y]!;
        // A fixed port left or right of its box's centre counts as a fraction of a position.
        sum += pos[y]! + (off[q] !== 0 && v >= 0 && widths[v]! > 0 ? (0.9 * off[q]!) / widths[v]! : 0);
      }
      return { x, key: sum / ns.length, tie: pos[x]! };
    });
    // Items without neighbours keep their place: sort only the others, around them.
    keyed.sort((a, b) => a.key - b.key || a.tie - b.tie);
    for (let k = 0; k < keyed.length; k++) {
      row[k] = keyed[k]!.x;
      pos[keyed[k]!.x] = k;
    }
  }
}

/**
 * Adjacent exchange (Gansner et al.'s transpose): swap two neighbours in a layer when that removes crossings with the
 * layers above and below; a few passes, until nothing improves.
 */
export function transpose(layers: number[][], up: number[][], down: number[][], pos: Float64Array) {
  // Crossings between the links of u and of v (u left of v) towards one adjacent layer.
  const pairCrossings = (u: number, v: number, nbrs: number[][]) => {
    let n = 0;
    for (const a of nbrs[u]!) for (const b of nbrs[v]!) if (pos[a]! > pos[b]!) n++;
    return n;
  };
  for (let pass = 0; pass < 4; pass++) {
    let improved = false;
    for (const row of layers) {
      for (let k = 0; k + 1 < row.length; k++) {
        const u = row[k]!;
        const v = row[k + 1]!;
        const now = pairCrossings(u, v, up) + pairCrossings(u, v, down);
        if (now === 0) continue;
        const swapped = pairCrossings(v, u, up) + pairCrossings(v, u, down);
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
}

/** Crossings between consecutive layers, by counting inversions (Barth, Jünger, Mutzel) with a Fenwick tree. */
export function countCrossings(layers: number[][], down: number[][], pos: Float64Array): number {
  let total = 0;
  for (let L = 0; L + 1 < layers.length; L++) {
    const pairs: Array<[number, number]> = [];
    for (const x of layers[L]!) for (const y of down[x]!) pairs.push([pos[x]!, pos[y]!]);
    if (pairs.length < 2) continue;
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const size = layers[L + 1]!.length;
    const tree = new Int32Array(size + 1);
    let seen = 0;
    for (const [, q] of pairs) {
      // Count earlier pairs with a larger lower position.
      let le = 0;
      for (let i = q + 1; i > 0; i -= i & -i) le += tree[i]!;
      total += seen - le;
      for (let i = q + 1; i <= size; i += i & -i) tree[i]!++;
      seen++;
    }
  }
  return total;
}
