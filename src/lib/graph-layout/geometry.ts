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

/**
 * SVG path data and the sampled polyline of waypoints given in top-to-bottom space, mapped to `direction`
 * (LR swaps the axes). Lines that turn get a small rounded corner (inside the corner, so never nearer to a box
 * than the sharp corner was); S-curves keep their tangents on the rank axis.
 */
export function toPathAndPoints(w: Waypoints, direction: LayoutDirection): { path: string; points: Pt[] } {
  const swap = direction === "LR";
  const pts = w.points;
  if (pts.length === 0) return { path: "", points: [] };
  let d = "";
  const out: Pt[] = [];
  // `X`/`Y` map top-to-bottom coordinates to the drawing's.
  const X = (x: number, y: number) => (swap ? y : x);
  const Y = (x: number, y: number) => (swap ? x : y);
  const p0 = pts[0]!;
  d += `M${fmt(X(p0[0], p0[1]))},${fmt(Y(p0[0], p0[1]))}`;
  out.push([X(p0[0], p0[1]), Y(p0[0], p0[1])]);
  // (ax, ay) is where the path currently is (before pts[i + 1] when a corner was cut).
  let ax = p0[0];
  let ay = p0[1];
  for (let i = 0; i < pts.length - 1; i++) {
    const b = pts[i + 1]!;
    const bx = b[0];
    const by = b[1];
    const kind = w.kinds[i] ?? "line";
    if (kind === "curve" && Math.abs(ax - bx) > 1e-6 && Math.abs(ay - by) > 1e-6) {
      const my = (ay + by) / 2;
      d += ` C${fmt(X(ax, my))},${fmt(Y(ax, my))} ${fmt(X(bx, my))},${fmt(Y(bx, my))} ${fmt(X(bx, by))},${fmt(Y(bx, by))}`;
      for (let k = 1; k <= CURVE_SAMPLES; k++) {
        const t = k / CURVE_SAMPLES;
        const u = 1 - t;
        // Cubic with control points (ax, my) and (bx, my).
        const x = u * u * u * ax + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * bx;
        const y = u * u * u * ay + 3 * u * u * t * my + 3 * u * t * t * my + t * t * t * by;
        out.push([X(x, y), Y(x, y)]);
      }
      ax = bx;
      ay = by;
      continue;
    }
    // A straight segment; round the corner at b when the next segment is a line that turns.
    const c = pts[i + 2];
    if (c && w.kinds[i + 1] === "line") {
      const l1 = Math.hypot(bx - ax, by - ay);
      const l2 = Math.hypot(c[0] - bx, c[1] - by);
      const cross = (bx - ax) * (c[1] - by) - (by - ay) * (c[0] - bx);
      const r = Math.min(CORNER, l1 / 2, l2 / 2);
      if (Math.abs(cross) > 1e-6 && r > 0.5) {
        const q1x = bx - ((bx - ax) / l1) * r;
        const q1y = by - ((by - ay) / l1) * r;
        const q2x = bx + ((c[0] - bx) / l2) * r;
        const q2y = by + ((c[1] - by) / l2) * r;
        d += ` L${fmt(X(q1x, q1y))},${fmt(Y(q1x, q1y))} Q${fmt(X(bx, by))},${fmt(Y(bx, by))} ${fmt(X(q2x, q2y))},${fmt(Y(q2x, q2y))}`;
        out.push([X(q1x, q1y), Y(q1x, q1y)]);
        for (let k = 1; k <= 2; k++) {
          const t = k / 2;
          const u = 1 - t;
          const x = u * u * q1x + 2 * u * t * bx + t * t * q2x;
          const y = u * u * q1y + 2 * u * t * by + t * t * q2y;
          out.push([X(x, y), Y(x, y)]);
        }
        ax = q2x;
        ay = q2y;
        continue;
      }
    }
    d += ` L${fmt(X(bx, by))},${fmt(Y(bx, by))}`;
    out.push([X(bx, by), Y(bx, by)]);
    ax = bx;
    ay = by;
  }
  return { path: d, points: out };
}
