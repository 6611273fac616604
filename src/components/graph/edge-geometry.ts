import { EDGE_LABEL_CHAR_WIDTH as CHAR_WIDTH, fitEdgeLabel } from "~/lib/graph-layout/node-size";
import type { EdgeRoute, LayoutResult } from "~/lib/graph-layout/types";
import type { Rect } from "./fit-decision";

/** The point halfway along a polyline (by length); the origin for an empty one. */
export function pointAtHalf(points: ReadonlyArray<readonly [number, number]>): [number, number] {
  if (points.length === 0) return [0, 0];
  if (points.length === 1) return [points[0]![0], points[0]![1]];
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    const length = Math.hypot(bx - ax, by - ay);
    if (length >= left && length > 0) {
      const t = left / length;
      return [ax + (bx - ax) * t, ay + (by - ay) * t];
    }
    left -= length;
  }
  const last = points[points.length - 1]!;
  return [last[0], last[1]];
}

/** A label box centred on `at`, sized for `text` (used when the layout gave a count but no label box). */
export function labelBoxAt(at: readonly [number, number], text: string): NonNullable<EdgeRoute["label"]> {
  const width = Math.min(24, Array.from(text).length) * CHAR_WIDTH + 10;
  return { x: at[0] - width / 2, y: at[1] - 9, width, height: 18 };
}

/** `text` shortened with an ellipsis to fit a label box `width` wide (the export's function: screen and SVG agree). */
export const shortenLabel = fitEdgeLabel;

/** Everything the layout draws: node boxes, edge routes and their labels (back edges go around the side). */
export function drawingBounds(layout: LayoutResult): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const add = (x: number, y: number) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const id in layout.nodes) {
    const b = layout.nodes[id]!;
    add(b.x, b.y);
    add(b.x + b.width, b.y + b.height);
  }
  for (const id in layout.edges) {
    const r = layout.edges[id]!;
    for (const [x, y] of r.points) add(x, y);
    if (r.label) {
      add(r.label.x, r.label.y);
      add(r.label.x + r.label.width, r.label.y + r.label.height);
    }
  }
  if (minX === Infinity) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
