/**
 * The drawn segments of many polylines, deduplicated (edges of a bundle share the very same segments) and indexed
 * on a grid: the drawing audit's overlap and crossing counts work on these, so their cost follows the number of
 * distinct strokes, not the number of edges times their length.
 */
export type Pt = [number, number];

export interface Occurrence {
  line: number;
  /** Arc length along the line at the segment's `a` end, and +1 / -1 as the line runs a → b or b → a. */
  arc: number;
  dir: 1 | -1;
}

export interface USeg {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  len: number;
  ux: number;
  uy: number;
  on: Occurrence[];
}

const key = (x: number, y: number) => `${Math.round(x * 10)},${Math.round(y * 10)}`;

export function buildSegments(lines: Pt[][]): USeg[] {
  const byKey = new Map<string, USeg>();
  const out: USeg[] = [];
  lines.forEach((pts, line) => {
    let arc = 0;
    for (let i = 0; i + 1 < pts.length; i++) {
      let a = pts[i]!;
      let b = pts[i + 1]!;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len < 1e-6) continue;
      let dir: 1 | -1 = 1;
      let ka = key(a[0], a[1]);
      let kb = key(b[0], b[1]);
      if (kb < ka) {
        [a, b] = [b, a];
        [ka, kb] = [kb, ka];
        dir = -1;
      }
      const k = `${ka}|${kb}`;
      let seg = byKey.get(k);
      if (!seg) {
        seg = { ax: a[0], ay: a[1], bx: b[0], by: b[1], len, ux: (b[0] - a[0]) / len, uy: (b[1] - a[1]) / len, on: [] };
        byKey.set(k, seg);
        out.push(seg);
      }
      seg.on.push({ line, arc: dir === 1 ? arc : arc + len, dir });
      arc += len;
    }
  });
  return out;
}

/** Calls `visit(i, j)` once for every pair of segments whose boxes (grown by `pad`) share a grid cell. */
export function forEachNearPair(segs: USeg[], pad: number, visit: (i: number, j: number) => void, cell = 64): void {
  const grid = new Map<number, number[]>();
  const box = segs.map((s) => [Math.min(s.ax, s.bx) - pad, Math.min(s.ay, s.by) - pad, Math.max(s.ax, s.bx) + pad, Math.max(s.ay, s.by) + pad] as const);
  box.forEach(([x0, y0, x1, y1], i) => {
    for (let gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++) {
      for (let gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
        const k = gx * 100_003 + gy;
        let list = grid.get(k);
        if (!list) grid.set(k, (list = []));
        list.push(i);
      }
    }
  });
  for (const [k, list] of grid) {
    for (let p = 0; p < list.length; p++) {
      const i = list[p]!;
      const bi = box[i]!;
      for (let q = p + 1; q < list.length; q++) {
        const j = list[q]!;
        const bj = box[j]!;
        // Visit the pair only in the first cell both boxes share.
        const x0 = Math.max(bi[0], bj[0]);
        const y0 = Math.max(bi[1], bj[1]);
        if (x0 > Math.min(bi[2], bj[2]) || y0 > Math.min(bi[3], bj[3])) continue;
        if (Math.floor(x0 / cell) * 100_003 + Math.floor(y0 / cell) !== k) continue;
        visit(i, j);
      }
    }
  }
}

/**
 * Where segment `t` runs within `tol` of segment `s` (nearly parallel ones only): the stretch as positions along
 * `s` and along `t`, or null.
 */
export function closeStretch(s: USeg, t: USeg, tol: number, maxSin: number): { s0: number; s1: number; t0: number; t1: number } | null {
  if (Math.abs(s.ux * t.uy - s.uy * t.ux) > maxSin) return null;
  // t's ends in s's frame: along (p) and across (d).
  const p0 = (t.ax - s.ax) * s.ux + (t.ay - s.ay) * s.uy;
  const p1 = (t.bx - s.ax) * s.ux + (t.by - s.ay) * s.uy;
  const d0 = -(t.ax - s.ax) * s.uy + (t.ay - s.ay) * s.ux;
  const d1 = -(t.bx - s.ax) * s.uy + (t.by - s.ay) * s.ux;
  let lo = 0;
  let hi = 1;
  if (Math.abs(d1 - d0) < 1e-12) {
    if (Math.abs(d0) > tol) return null;
  } else {
    const a = (-tol - d0) / (d1 - d0);
    const b = (tol - d0) / (d1 - d0);
    lo = Math.max(lo, Math.min(a, b));
    hi = Math.min(hi, Math.max(a, b));
  }
  if (Math.abs(p1 - p0) < 1e-12) {
    if (p0 < 0 || p0 > s.len) return null;
  } else {
    const a = (0 - p0) / (p1 - p0);
    const b = (s.len - p0) / (p1 - p0);
    lo = Math.max(lo, Math.min(a, b));
    hi = Math.min(hi, Math.max(a, b));
  }
  if (hi - lo <= 1e-9) return null;
  return { s0: p0 + lo * (p1 - p0), s1: p0 + hi * (p1 - p0), t0: lo * t.len, t1: hi * t.len };
}

/** The proper crossing point of two segments (half-open at their `b` ends), or null. */
export function crossingPoint(s: USeg, t: USeg): Pt | null {
  const d1x = s.bx - s.ax;
  const d1y = s.by - s.ay;
  const d2x = t.bx - t.ax;
  const d2y = t.by - t.ay;
  const den = d1x * d2y - d1y * d2x;
  if (Math.abs(den) < 1e-9) return null;
  const u = ((t.ax - s.ax) * d2y - (t.ay - s.ay) * d2x) / den;
  const v = ((t.ax - s.ax) * d1y - (t.ay - s.ay) * d1x) / den;
  if (u < 0 || u >= 1 || v < 0 || v >= 1) return null;
  return [s.ax + u * d1x, s.ay + u * d1y];
}
