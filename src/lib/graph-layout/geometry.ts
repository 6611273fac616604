/**
 * Route geometry: a route is a list of waypoints joined by straight lines or by S-curves (cubic Béziers whose
 * tangents run along the rank axis at both ends). The layered router produces waypoints in top-to-bottom space;
 * `toPathAndPoints` turns them into the SVG path drawn by the view and the export, and into the sampled polyline
 * the drawing audit measures — both from the same control points, so what is measured is what is drawn.
 */
import type { LayoutDirection } from "./types";

export type Pt = [number, number];

/** How one waypoint joins the next: a straight line, or an S-curve through the gap between two layers. */
export type SegKind = "line" | "curve";

export interface Waypoints {
  points: Pt[];
  /** `kinds[i]` joins `points[i]` to `points[i + 1]`. */
  kinds: SegKind[];
}

/** Samples per S-curve in the audit polyline (enough for 1 px accuracy on the gaps we draw). */
const CURVE_SAMPLES = 10;
/** Radius of the rounded corners where a line turns (side stubs and lanes). */
const CORNER = 5;

const fmt = (n: number) => {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
};

/** Appends `b` to `a`, dropping a duplicated joint point. */
export function joinWaypoints(a: Waypoints, b: Waypoints, kind: SegKind = "line"): Waypoints {
  if (a.points.length === 0) return { points: b.points.slice(), kinds: b.kinds.slice() };
  if (b.points.length === 0) return a;
  const last = a.points[a.points.length - 1]!;
  const first = b.points[0]!;
  const points = a.points.slice();
  const kinds = a.kinds.slice();
  if (Math.abs(last[0] - first[0]) < 1e-6 && Math.abs(last[1] - first[1]) < 1e-6) {
    points.push(...b.points.slice(1));
    kinds.push(...b.kinds);
  } else {
    points.push(...b.points);
    kinds.push(kind, ...b.kinds);
  }
  return { points, kinds };
}

/** Drops zero-length segments and merges collinear straight runs (so corners are real turns). */
export function simplify(w: Waypoints): Waypoints {
  const points: Pt[] = [];
  const kinds: SegKind[] = [];
  for (let i = 0; i < w.points.length; i++) {
    const p = w.points[i]!;
    const prev = points[points.length - 1];
    if (prev && Math.abs(prev[0] - p[0]) < 1e-6 && Math.abs(prev[1] - p[1]) < 1e-6) {
      continue; // a zero-length segment
    }
    if (points.length > 0) kinds.push(w.kinds[i - 1] ?? "line");
    points.push([p[0], p[1]]);
  }
  // Collinear line-line joints.
  const outP: Pt[] = [];
  const outK: SegKind[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (outP.length >= 2 && kinds[i - 1] === "line" && outK[outK.length - 1] === "line") {
      const a = outP[outP.length - 2]!;
      const b = outP[outP.length - 1]!;
      const cross = (b[0] - a[0]) * (p[1] - b[1]) - (b[1] - a[1]) * (p[0] - b[0]);
      const dot = (b[0] - a[0]) * (p[0] - b[0]) + (b[1] - a[1]) * (p[1] - b[1]);
      if (Math.abs(cross) < 1e-6 && dot > 0) {
        outP[outP.length - 1] = [p[0], p[1]];
        continue;
      }
    }
    if (outP.length > 0) outK.push(kinds[i - 1] ?? "line");
    outP.push(p);
  }
  return { points: outP, kinds: outK };
}

function cubicAt(p0: Pt, p1: Pt, p2: Pt, p3: Pt, t: number): Pt {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return [a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]];
}

function quadAt(p0: Pt, p1: Pt, p2: Pt, t: number): Pt {
  const u = 1 - t;
  return [u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]];
}

/**
 * SVG path data and the sampled polyline of waypoints given in top-to-bottom space, mapped to `direction`
 * (LR swaps the axes). Lines that turn get a small rounded corner (inside the corner, so never nearer to a box
 * than the sharp corner was); S-curves keep their tangents on the rank axis.
 */
export function toPathAndPoints(w: Waypoints, direction: LayoutDirection): { path: string; points: Pt[] } {
  const map = direction === "LR" ? (p: Pt): Pt => [p[1], p[0]] : (p: Pt): Pt => p;
  const pts = w.points;
  if (pts.length === 0) return { path: "", points: [] };
  const d: string[] = [];
  const out: Pt[] = [];
  const move = (p: Pt) => {
    const m = map(p);
    d.push(`M${fmt(m[0])},${fmt(m[1])}`);
    out.push(m);
  };
  const line = (p: Pt) => {
    const m = map(p);
    d.push(`L${fmt(m[0])},${fmt(m[1])}`);
    out.push(m);
  };
  move(pts[0]!);
  // `cursor` is where the path currently is (may be before pts[i] when a corner was cut).
  let cursor: Pt = pts[0]!;
  for (let i = 0; i < pts.length - 1; i++) {
    const a = cursor;
    const b = pts[i + 1]!;
    const kind = w.kinds[i] ?? "line";
    if (kind === "curve" && Math.abs(a[0] - b[0]) > 1e-6 && Math.abs(a[1] - b[1]) > 1e-6) {
      const my = (a[1] + b[1]) / 2;
      const c1: Pt = [a[0], my];
      const c2: Pt = [b[0], my];
      const m1 = map(c1);
      const m2 = map(c2);
      const mb = map(b);
      d.push(`C${fmt(m1[0])},${fmt(m1[1])} ${fmt(m2[0])},${fmt(m2[1])} ${fmt(mb[0])},${fmt(mb[1])}`);
      for (let k = 1; k <= CURVE_SAMPLES; k++) out.push(map(cubicAt(a, c1, c2, b, k / CURVE_SAMPLES)));
      cursor = b;
      continue;
    }
    // A straight segment; round the corner at b when the next segment is a line that turns.
    const c = pts[i + 2];
    const nextKind = w.kinds[i + 1];
    if (c && nextKind === "line") {
      const l1 = Math.hypot(b[0] - a[0], b[1] - a[1]);
      const l2 = Math.hypot(c[0] - b[0], c[1] - b[1]);
      const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
      const r = Math.min(CORNER, l1 / 2, l2 / 2);
      if (Math.abs(cross) > 1e-6 && r > 0.5) {
        const p1: Pt = [b[0] - ((b[0] - a[0]) / l1) * r, b[1] - ((b[1] - a[1]) / l1) * r];
        const p2: Pt = [b[0] + ((c[0] - b[0]) / l2) * r, b[1] + ((c[1] - b[1]) / l2) * r];
        line(p1);
        const mb = map(b);
        const m2 = map(p2);
        d.push(`Q${fmt(mb[0])},${fmt(mb[1])} ${fmt(m2[0])},${fmt(m2[1])}`);
        for (let k = 1; k <= 4; k++) out.push(map(quadAt(p1, b, p2, k / 4)));
        cursor = p2;
        continue;
      }
    }
    line(b);
    cursor = b;
  }
  return { path: d.join(" "), points: out };
}
