import type { LayoutResult, NodeBox } from "~/lib/graph-layout/types";

/** A rectangle in flow (drawing) coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's viewport: the drawing is shown translated by (x, y) and scaled by zoom. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The part of the drawing the canvas shows, in drawing coordinates, less `inset` screen pixels on each side (the
 * room kept for the minimap and the zoom buttons).
 */
export function visibleRect(
  viewport: Viewport,
  size: { width: number; height: number },
  inset: { top: number; right: number; bottom: number; left: number } = { top: 0, right: 0, bottom: 0, left: 0 },
): Rect {
  const zoom = viewport.zoom > 0 ? viewport.zoom : 1;
  return {
    x: (inset.left - viewport.x) / zoom,
    y: (inset.top - viewport.y) / zoom,
    width: Math.max(0, size.width - inset.left - inset.right) / zoom,
    height: Math.max(0, size.height - inset.top - inset.bottom) / zoom,
  };
}

/** Whether `box` lies wholly inside `rect` (`slack` drawing units of tolerance). */
export function insideRect(box: Pick<NodeBox, "x" | "y" | "width" | "height">, rect: Rect, slack = 1): boolean {
  return (
    box.x >= rect.x - slack &&
    box.y >= rect.y - slack &&
    box.x + box.width <= rect.x + rect.width + slack &&
    box.y + box.height <= rect.y + rect.height + slack
  );
}

export type FitReason = "first" | "direction" | "new-drawing" | "outside";

/**
 * Whether a new layout should re-fit the view, and why. The view fits:
 * - on the first drawing, and when the layout direction changed;
 * - when the drawing is another one (a paste, a load, an example: fewer than half of its nodes were drawn before);
 * - when the structure changed and some node now falls outside the view, but only if the whole previous drawing
 *   was in view: someone zoomed in on a part is not pulled away by an edit elsewhere.
 * Never when the structure did not change (an ordinary keystroke, a rename), nor for a change that stays in view.
 */
export function fitDecision(
  previous: LayoutResult | null,
  next: LayoutResult,
  view: Rect | null,
): FitReason | null {
  if (previous === null || view === null) return "first";
  if (previous.direction !== next.direction) return "direction";
  if (previous.structureKey === next.structureKey) return null;
  const ids = Object.keys(next.nodes);
  let shared = 0;
  for (const id of ids) if (previous.nodes[id] !== undefined) shared++;
  if (ids.length > 0 && shared * 2 < ids.length) return "new-drawing";
  const sawAll = Object.values(previous.nodes).every((box) => insideRect(box, view));
  if (!sawAll) return null;
  const allIn = Object.values(next.nodes).every((box) => insideRect(box, view));
  return allIn ? null : "outside";
}

/** Screen pixels kept free on each side of a fitted drawing. */
export interface Inset {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The margin of a fitted drawing, with room at the bottom for the zoom buttons (bottom left, one row). */
export const BASE_INSET: Inset = { top: 20, right: 20, bottom: 52, left: 20 };

/** The minimap's size and its distance from the canvas's edges (bottom right). */
export const MINIMAP = { width: 168, height: 120, margin: 12 } as const;

/** Below this zoom a fitted drawing's text is too small to read: such a graph does not "fit the view". */
export const READABLE_ZOOM = 0.5;

/** The viewport that shows `bounds` whole and centred in the canvas less `inset`, the zoom kept within `range`. */
export function fitViewport(
  bounds: Rect,
  size: { width: number; height: number },
  inset: Inset,
  range: { min: number; max: number },
): Viewport {
  const availableWidth = Math.max(1, size.width - inset.left - inset.right);
  const availableHeight = Math.max(1, size.height - inset.top - inset.bottom);
  const raw = Math.min(availableWidth / Math.max(bounds.width, 1), availableHeight / Math.max(bounds.height, 1));
  const zoom = Math.min(range.max, Math.max(range.min, raw));
  return {
    x: inset.left + (availableWidth - bounds.width * zoom) / 2 - bounds.x * zoom,
    y: inset.top + (availableHeight - bounds.height * zoom) / 2 - bounds.y * zoom,
    zoom,
  };
}

/** Whether the whole drawing can be shown at a readable zoom. */
export function fitsView(bounds: Rect, size: { width: number; height: number }, inset: Inset = BASE_INSET): boolean {
  const viewport = fitViewport(bounds, size, inset, { min: 0, max: Number.POSITIVE_INFINITY });
  return viewport.zoom >= READABLE_ZOOM;
}

/**
 * The inset a fit keeps so that nothing is drawn under the minimap (bottom right): a strip on the right or along the
 * bottom, whichever lets the drawing be larger.
 */
export function viewInset(bounds: Rect, size: { width: number; height: number }, minimap: boolean): Inset {
  if (!minimap) return BASE_INSET;
  const right: Inset = { ...BASE_INSET, right: MINIMAP.width + 2 * MINIMAP.margin };
  const bottom: Inset = { ...BASE_INSET, bottom: Math.max(BASE_INSET.bottom, MINIMAP.height + 2 * MINIMAP.margin) };
  const range = { min: 0, max: Number.POSITIVE_INFINITY };
  return fitViewport(bounds, size, right, range).zoom >= fitViewport(bounds, size, bottom, range).zoom ? right : bottom;
}

/** The minimap's box in drawing coordinates under `viewport`. */
export function minimapRect(viewport: Viewport, size: { width: number; height: number }): Rect {
  const zoom = viewport.zoom > 0 ? viewport.zoom : 1;
  const left = size.width - MINIMAP.margin - MINIMAP.width;
  const top = size.height - MINIMAP.margin - MINIMAP.height;
  return { x: (left - viewport.x) / zoom, y: (top - viewport.y) / zoom, width: MINIMAP.width / zoom, height: MINIMAP.height / zoom };
}

/** Whether any of `boxes` overlaps `rect`. */
export function anyOverlap(boxes: Iterable<Rect>, rect: Rect): boolean {
  for (const b of boxes) {
    if (b.x < rect.x + rect.width && rect.x < b.x + b.width && b.y < rect.y + rect.height && rect.y < b.y + b.height) return true;
  }
  return false;
}
