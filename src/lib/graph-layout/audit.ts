/**
 * The drawing audit's geometry checks (issue 11, "What a drawing must satisfy"), on the geometry actually drawn:
 * each edge's `EdgeRoute.points` (the sampled `path`), its label box, and the node boxes.
 *
 * 1. edges passing through a node box other than their own ends (boxes grown by `BOX_MARGIN`; a frame the edge
 *    belongs to — one that contains its source or target — may be crossed, any other frame may not);
 * 2. pairs of edges drawn on top of each other (centre lines nearer than `OVERLAP_TOLERANCE`, running the same way)
 *    over more than `OVERLAP_MIN_LENGTH`, except between two points both routes declare as merge points (their
 *    shared junctions, a shared end);
 * 3. edge labels overlapping a node, another label, or not touching their own edge;
 * 4. back edges drawn in the layer direction: an edge whose target lies upstream of its source must be marked
 *    `back` (drawn dashed), and a back edge must leave and enter by a side, not by the layer faces;
 * 5. self-loops drawn and visible (leaving the box by at least `LOOP_MIN_REACH`);
 * 6. crossings: proper intersections between the polylines of two edges (not at a shared end or merge point).
 */
import type { GraphEdge, WorkflowGraph } from "~/lib/visualizer/types";
import { buildSegments, closeStretch, crossingPoint, forEachNearPair, type Occurrence } from "./audit-segments";
import type { LayoutResult, NodeBox } from "./types";

export type Pt = [number, number];

export const BOX_MARGIN = 2;
export const OVERLAP_TOLERANCE = 1.25;
export const OVERLAP_MIN_LENGTH = 16;
export const LOOP_MIN_REACH = 8;
/** Sine of the largest angle between two stretches still read as "on top of each other". */
const PARALLEL_SIN = Math.sin((10 * Math.PI) / 180);

export interface AuditFinding {
  check: 1 | 2 | 3 | 4 | 5;
  edges: string[];
  detail: string;
}

export interface AuditCounts {
  /** 1: edges that pass through a box other than their ends. */
  throughNodes: number;
  /** 2: pairs of edges drawn on top of each other. */
  overlaps: number;
  /** 3: labels on a node, on another label, or off their edge. */
  labelFaults: number;
  /** 4: back edges drawn in the layer direction. */
  backFaults: number;
  /** 5: self-loops, and how many are not drawn visibly. */
  selfLoops: number;
  hiddenLoops: number;
  /** 6: crossings between edges. */
  crossings: number;
}

export interface AuditResult extends AuditCounts {
  findings: AuditFinding[];
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Geometry helpers                                                                                              */
/* ------------------------------------------------------------------------------------------------------------ */

/** Does segment a–b meet the rectangle's interior (Liang–Barsky clipping)? */
export function segmentHitsRect(a: Pt, b: Pt, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const clip = (p: number, q: number): boolean => {
    if (Math.abs(p) < 1e-12) return q > 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  if (!clip(-dx, a[0] - r.x)) return false;
  if (!clip(dx, r.x + r.width - a[0])) return false;
  if (!clip(-dy, a[1] - r.y)) return false;
  if (!clip(dy, r.y + r.height - a[1])) return false;
  return t1 - t0 > 1e-9;
}

function rectsOverlap(a: Rect, b: Rect, slack = 0): boolean {
  return a.x < b.x + b.width - slack && b.x < a.x + a.width - slack && a.y < b.y + b.height - slack && b.y < a.y + a.height - slack;
}

function distPointSegment(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance from a polyline to a rectangle (0 when they touch). */
function polylineRectDistance(points: Pt[], r: Rect): number {
  let best = Infinity;
  for (let i = 0; i + 1 < points.length; i++) {
    if (segmentHitsRect(points[i]!, points[i + 1]!, r)) return 0;
  }
  const corners: Pt[] = [
    [r.x, r.y],
    [r.x + r.width, r.y],
    [r.x, r.y + r.height],
    [r.x + r.width, r.y + r.height],
  ];
  for (let i = 0; i + 1 < points.length; i++) for (const c of corners) best = Math.min(best, distPointSegment(c, points[i]!, points[i + 1]!));
  for (const p of points) {
    const dx = Math.max(r.x - p[0], 0, p[0] - (r.x + r.width));
    const dy = Math.max(r.y - p[1], 0, p[1] - (r.y + r.height));
    best = Math.min(best, Math.hypot(dx, dy));
  }
  return best;
}

/** A uniform grid over rectangles, for "which boxes may this segment touch". */
class RectGrid {
  private cells = new Map<number, number[]>();
  constructor(
    rects: Rect[],
    private size = 64,
  ) {
    rects.forEach((r, i) => {
      for (let gx = Math.floor(r.x / size); gx <= Math.floor((r.x + r.width) / size); gx++) {
        for (let gy = Math.floor(r.y / size); gy <= Math.floor((r.y + r.height) / size); gy++) {
          const k = gx * 100_003 + gy;
          let list = this.cells.get(k);
          if (!list) this.cells.set(k, (list = []));
          list.push(i);
        }
      }
    });
  }
  near(x0: number, y0: number, x1: number, y1: number): Set<number> {
    const out = new Set<number>();
    const s = this.size;
    for (let gx = Math.floor(Math.min(x0, x1) / s); gx <= Math.floor(Math.max(x0, x1) / s); gx++) {
      for (let gy = Math.floor(Math.min(y0, y1) / s); gy <= Math.floor(Math.max(y0, y1) / s); gy++) {
        for (const i of this.cells.get(gx * 100_003 + gy) ?? []) out.add(i);
      }
    }
    return out;
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Crossings (check 6), shared with the comparison against other engines                                        */
/* ------------------------------------------------------------------------------------------------------------ */

export interface DrawnLine {
  points: Pt[];
  /** Points where crossing this line does not count (its ends, its merge points). */
  anchors: Pt[];
}

const near = (a: Pt, b: Pt, d: number) => Math.abs(a[0] - b[0]) <= d && Math.abs(a[1] - b[1]) <= d;

/**
 * Proper crossings between the polylines of different lines: two segments meeting at an interior point, not within
 * a few px of an anchor of either line. Several hits of one pair at one place (a curve's sampled segments) count once.
 */
export function countCrossings(lines: DrawnLine[]): number {
  const segs = buildSegments(lines.map((l) => l.points));
  const found = new Set<string>();
  forEachNearPair(segs, 0, (i, j) => {
    const s = segs[i]!;
    const t = segs[j]!;
    const p = crossingPoint(s, t);
    if (!p) return;
    // A crossing between two strokes of the same line, or at an end or merge point of a line through it, is none.
    const ls = new Set(s.on.map((o) => o.line));
    if (t.on.some((o) => ls.has(o.line))) return;
    for (const o of [...s.on, ...t.on]) if (lines[o.line]!.anchors.some((q) => near(q, p, 7))) return;
    found.add(`${Math.round(p[0] / 3)},${Math.round(p[1] / 3)}`);
  });
  return found.size;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The audit                                                                                                     */
/* ------------------------------------------------------------------------------------------------------------ */

/** Ids of the frames (groups with placed children) and each node's ancestors, as laid out. */
function framesOf(layout: LayoutResult): { frames: Set<string>; ancestors: (id: string) => string[] } {
  const frames = new Set<string>();
  for (const id in layout.nodes) {
    const p = layout.nodes[id]!.parent;
    if (p !== null && layout.nodes[p]) frames.add(p);
  }
  const memo = new Map<string, string[]>();
  const ancestors = (id: string): string[] => {
    const known = memo.get(id);
    if (known) return known;
    const out: string[] = [];
    for (let p = layout.nodes[id]?.parent ?? null; p !== null && out.length < 64; p = layout.nodes[p]?.parent ?? null) out.push(p);
    memo.set(id, out);
    return out;
  };
  return { frames, ancestors };
}

/** Anchors of an edge for crossing counts: its ends and its merge points. */
function anchorsOf(points: Pt[], junctions: Pt[] | undefined): Pt[] {
  const out: Pt[] = [];
  if (points.length > 0) out.push(points[0]!, points[points.length - 1]!);
  if (junctions) out.push(...junctions);
  return out;
}

/** Arc length along `points` of the point nearest to `p`. */
function arcOf(points: Pt[], p: Pt): number {
  let arc = 0;
  let best = Infinity;
  let bestArc = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const d = distPointSegment(p, a, b);
    if (d < best) {
      best = d;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / (len * len)));
      bestArc = arc + t * len;
    }
    arc += len;
  }
  return bestArc;
}

export function auditDrawing(graph: WorkflowGraph, layout: LayoutResult): AuditResult {
  const findings: AuditFinding[] = [];
  const { frames, ancestors } = framesOf(layout);
  const nodeIds = Object.keys(layout.nodes);
  const rects: Rect[] = nodeIds.map((id) => layout.nodes[id]!);
  const grid = new RectGrid(rects);
  const drawn: GraphEdge[] = graph.edges.filter((e) => layout.nodes[e.source] && layout.nodes[e.target]);
  const rankOf = (b: NodeBox) => (layout.direction === "TB" ? b.y + b.height / 2 : b.x + b.width / 2);

  /* 1. through boxes */
  let throughNodes = 0;
  for (const e of drawn) {
    const route = layout.edges[e.id];
    if (!route) continue;
    const allowed = new Set([e.source, e.target, ...ancestors(e.source), ...ancestors(e.target)]);
    const pts = route.points;
    let hit: string | null = null;
    for (let i = 0; i + 1 < pts.length && hit === null; i++) {
      const a = pts[i]!;
      const b = pts[i + 1]!;
      for (const k of grid.near(a[0] - BOX_MARGIN, a[1] - BOX_MARGIN, b[0] + BOX_MARGIN, b[1] + BOX_MARGIN)) {
        const id = nodeIds[k]!;
        if (allowed.has(id)) continue;
        const r = rects[k]!;
        const grown = { x: r.x - BOX_MARGIN, y: r.y - BOX_MARGIN, width: r.width + 2 * BOX_MARGIN, height: r.height + 2 * BOX_MARGIN };
        // A frame is only an obstacle where the edge would enter it: its border, not its inside (the edge's ends
        // are outside it, so entering means crossing the border).
        if (segmentHitsRect(a, b, grown)) {
          hit = id;
          break;
        }
      }
    }
    if (hit !== null) {
      throughNodes++;
      findings.push({ check: 1, edges: [e.id], detail: `${e.source} → ${e.target} passes through ${hit}${frames.has(hit) ? " (a frame it does not belong to)" : ""}` });
    }
  }

  /* 2. drawn on top of each other */
  const routed = drawn.filter((e) => layout.edges[e.id] && layout.edges[e.id]!.points.length >= 2);
  const segs = buildSegments(routed.map((e) => layout.edges[e.id]!.points));
  // A route's merge section runs from its first to its last merge point (junctions, bus joins, frame crossings):
  // two routes that share a merge point may run together where both are inside their sections.
  const section = routed.map((e) => {
    const r = layout.edges[e.id]!;
    if (!r.junctions || r.junctions.length === 0) return null;
    const arcs = r.junctions.map((p) => arcOf(r.points, p));
    return [Math.min(...arcs) - 6, Math.max(...arcs) + 6] as const;
  });
  const junctionKeys = routed.map((e) => new Set((layout.edges[e.id]!.junctions ?? []).map((p) => `${Math.round(p[0])},${Math.round(p[1])}`)));
  const shareJunction = (a: number, b: number) => {
    for (const k of junctionKeys[a]!) if (junctionKeys[b]!.has(k)) return true;
    return false;
  };
  const ends = routed.map((e) => {
    const pts = layout.edges[e.id]!.points;
    let len = 0;
    for (let i = 0; i + 1 < pts.length; i++) len += Math.hypot(pts[i + 1]![0] - pts[i]![0], pts[i + 1]![1] - pts[i]![1]);
    const k = (p: Pt) => `${Math.round(p[0] * 2)},${Math.round(p[1] * 2)}`;
    return { start: k(pts[0]!), end: k(pts[pts.length - 1]!), len };
  });
  /** May `a` (at arc `arcA`) and `b` (at `arcB`) be drawn on top of each other there? */
  const mayShare = (a: number, arcA: number, b: number, arcB: number) => {
    const sameStart = ends[a]!.start === ends[b]!.start;
    const sameEnd = ends[a]!.end === ends[b]!.end;
    if (!sameStart && !sameEnd && !shareJunction(a, b)) return false;
    const within = (line: number, arc: number) => {
      const sec = section[line] ?? null;
      const lo = sameStart ? -1 : sec ? sec[0] : Infinity;
      const hi = sameEnd ? ends[line]!.len + 1 : sec ? sec[1] : sameStart ? 6 : -Infinity;
      return arc >= lo && arc <= hi;
    };
    return within(a, arcA) && within(b, arcB);
  };
  const overlapLength = new Map<number, number>();
  const addOverlap = (a: number, b: number, len: number) => {
    const pk = a < b ? a * routed.length + b : b * routed.length + a;
    overlapLength.set(pk, (overlapLength.get(pk) ?? 0) + len);
  };
  const arcAt = (o: Occurrence, along: number) => o.arc + o.dir * along;
  for (const seg of segs) {
    if (seg.on.length < 2) continue;
    // One stroke drawn for several edges: allowed for edges inside their merge sections that share a merge point.
    const mid = seg.len / 2;
    const first = seg.on[0]!;
    for (let q = 1; q < seg.on.length; q++) {
      const o = seg.on[q]!;
      if (o.line === first.line) continue;
      if (!mayShare(first.line, arcAt(first, mid), o.line, arcAt(o, mid))) addOverlap(first.line, o.line, seg.len);
    }
  }
  forEachNearPair(segs, OVERLAP_TOLERANCE, (i, j) => {
    const s = segs[i]!;
    const t = segs[j]!;
    const stretch = closeStretch(s, t, OVERLAP_TOLERANCE, PARALLEL_SIN);
    if (!stretch) return;
    const len = Math.abs(stretch.s1 - stretch.s0);
    if (len < 0.5) return;
    const sm = (stretch.s0 + stretch.s1) / 2;
    const tm = (stretch.t0 + stretch.t1) / 2;
    // Representatives: all occurrences of one stroke are the same drawing; check the first pair that differs.
    for (const os of s.on) {
      for (const ot of t.on) {
        if (os.line === ot.line) continue;
        if (mayShare(os.line, arcAt(os, sm), ot.line, arcAt(ot, tm))) continue;
        addOverlap(os.line, ot.line, len);
        return;
      }
    }
  });
  let overlaps = 0;
  for (const [pk, len] of overlapLength) {
    if (len <= OVERLAP_MIN_LENGTH) continue;
    overlaps++;
    const a = routed[Math.floor(pk / routed.length)]!;
    const b = routed[pk % routed.length]!;
    findings.push({ check: 2, edges: [a.id, b.id], detail: `${a.source} → ${a.target} and ${b.source} → ${b.target} drawn on top of each other for ~${Math.round(len)} px` });
  }

  /* 3. labels */
  let labelFaults = 0;
  const labelled = drawn.filter((e) => layout.edges[e.id]?.label);
  const leafRects: Array<{ id: string; r: Rect }> = nodeIds.filter((id) => !frames.has(id)).map((id) => ({ id, r: layout.nodes[id]! }));
  const leafGrid = new RectGrid(leafRects.map((x) => x.r));
  const labelBoxes = labelled.map((e) => layout.edges[e.id]!.label!);
  const labelGrid = new RectGrid(labelBoxes);
  labelled.forEach((e, i) => {
    const box = labelBoxes[i]!;
    const problems: string[] = [];
    for (const k of leafGrid.near(box.x, box.y, box.x + box.width, box.y + box.height)) {
      if (rectsOverlap(box, leafRects[k]!.r, 0.5)) problems.push(`on node ${leafRects[k]!.id}`);
    }
    const own = new Set([...ancestors(e.source), ...ancestors(e.target)]);
    for (const f of frames) {
      if (own.has(f) || f === e.source || f === e.target) continue;
      if (rectsOverlap(box, layout.nodes[f]!, 0.5)) problems.push(`on frame ${f}`);
    }
    for (const k of labelGrid.near(box.x, box.y, box.x + box.width, box.y + box.height)) {
      if (k <= i) continue;
      if (rectsOverlap(box, labelBoxes[k]!, 0.5)) problems.push(`on the label of ${labelled[k]!.id}`);
    }
    if (polylineRectDistance(layout.edges[e.id]!.points, box) > 1) problems.push("off its edge");
    if (problems.length > 0) {
      labelFaults++;
      findings.push({ check: 3, edges: [e.id], detail: `label of ${e.source} → ${e.target}: ${problems.join(", ")}` });
    }
  });

  /* 4. back edges */
  let backFaults = 0;
  for (const e of drawn) {
    const route = layout.edges[e.id];
    if (!route || e.source === e.target) continue;
    const s = layout.nodes[e.source]!;
    const t = layout.nodes[e.target]!;
    if (ancestors(e.source).includes(e.target) || ancestors(e.target).includes(e.source)) continue;
    const upstream = rankOf(t) < rankOf(s) - 1;
    const pts = route.points;
    let problem: string | null = null;
    if (upstream && !route.back) problem = "points against the layers but is not drawn as a back edge";
    else if (route.back && pts.length >= 2) {
      const alongCross = (a: Pt, b: Pt) =>
        layout.direction === "TB" ? Math.abs(b[0] - a[0]) > Math.abs(b[1] - a[1]) : Math.abs(b[1] - a[1]) > Math.abs(b[0] - a[0]);
      if (!alongCross(pts[0]!, pts[1]!)) problem = "leaves its source through a layer face";
      else if (!alongCross(pts[pts.length - 2]!, pts[pts.length - 1]!)) problem = "enters its target through a layer face";
    }
    if (problem) {
      backFaults++;
      findings.push({ check: 4, edges: [e.id], detail: `${e.source} → ${e.target} ${problem}` });
    }
  }

  /* 5. self-loops */
  let selfLoops = 0;
  let hiddenLoops = 0;
  for (const e of drawn) {
    if (e.source !== e.target) continue;
    selfLoops++;
    const route = layout.edges[e.id];
    const box = layout.nodes[e.source]!;
    let visible = false;
    if (route && route.path && route.points.length >= 3) {
      const onBorder = (p: Pt) => polylineRectDistance([p, p], box) <= 1;
      let reach = 0;
      for (const p of route.points) {
        const dx = Math.max(box.x - p[0], 0, p[0] - (box.x + box.width));
        const dy = Math.max(box.y - p[1], 0, p[1] - (box.y + box.height));
        reach = Math.max(reach, Math.hypot(dx, dy));
      }
      visible = reach >= LOOP_MIN_REACH && onBorder(route.points[0]!) && onBorder(route.points[route.points.length - 1]!);
    }
    if (!visible) {
      hiddenLoops++;
      findings.push({ check: 5, edges: [e.id], detail: `self-loop on ${e.source} is not drawn visibly` });
    }
  }

  /* 6. crossings */
  const crossings = countCrossings(
    routed.map((e) => {
      const r = layout.edges[e.id]!;
      return { points: r.points, anchors: anchorsOf(r.points, r.junctions) };
    }),
  );

  return { throughNodes, overlaps, labelFaults, backFaults, selfLoops, hiddenLoops, crossings, findings };
}

/** The audit's pass/fail on items 1–5. */
export function auditPasses(r: AuditCounts): boolean {
  return r.throughNodes === 0 && r.overlaps === 0 && r.labelFaults === 0 && r.backFaults === 0 && r.hiddenLoops === 0;
}
