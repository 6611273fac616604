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
 * - when the drawing is another one (a paste, a load, an example): fewer than half of its steps were drawn before.
 *   Only the nodes `isStep` accepts count (by default all): two LangGraph scripts share START, END and often the
 *   group's name, and are still two different drawings;
 * - when the structure changed and some node now falls outside the view, but only if the whole previous drawing
 *   was in view: someone zoomed in on a part is not pulled away by an edit elsewhere.
 * Never when the structure did not change (an ordinary keystroke, a rename), nor for a change that stays in view.
 */
export function fitDecision(
  previous: LayoutResult | null,
  next: LayoutResult,
  view: Rect | null,
  isStep: (id: string) => boolean = () => true,
): FitReason | null {
  if (previous === null || view === null) return "first";
  if (previous.direction !== next.direction) return "direction";
  if (previous.structureKey === next.structureKey) return null;
  let ids = Object.keys(next.nodes).filter(isStep);
  if (ids.length === 0) ids = Object.keys(next.nodes);
  let shared = 0;
  for (const id of ids) if (previous.nodes[id] !== undefined) shared++;
  if (ids.length > 0 && shared * 2 < ids.length) return "new-drawing";
  if (!allInView(Object.values(previous.nodes), view)) return null;
  return allInView(Object.values(next.nodes), view) ? null : "outside";
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

/** The minimap's column beside the canvas (it never covers the drawing): its width and the minimap's margin. */
export const MINIMAP = { column: 176, margin: 8 } as const;

/** Below this zoom a fitted drawing's text is too small to read: such a graph does not "fit the view". */
export const READABLE_ZOOM = 0.5;

/**
 * The viewport that shows `bounds` whole and centred in the canvas less `inset`, the zoom kept within `range`. When
 * the range keeps the drawing larger than the canvas along an axis, it starts at the canvas's start on that axis
 * (the top, or the left): the beginning of the flow is what is shown.
 */
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
  const place = (start: number, available: number, origin: number, extent: number) => {
    const scaled = extent * zoom;
    const offset = scaled > available ? 0 : (available - scaled) / 2;
    return start + offset - origin * zoom;
  };
  return {
    x: place(inset.left, availableWidth, bounds.x, bounds.width),
    y: place(inset.top, availableHeight, bounds.y, bounds.height),
    zoom,
  };
}

/** Whether the whole drawing can be shown at a readable zoom. */
export function fitsView(bounds: Rect, size: { width: number; height: number }, inset: Inset = BASE_INSET): boolean {
  const viewport = fitViewport(bounds, size, inset, { min: 0, max: Number.POSITIVE_INFINITY });
  return viewport.zoom >= READABLE_ZOOM;
}

/** Whether every box lies inside the part of the drawing the canvas shows. */
export function allInView(boxes: Iterable<Pick<NodeBox, "x" | "y" | "width" | "height">>, view: Rect): boolean {
  for (const box of boxes) if (!insideRect(box, view)) return false;
  return true;
}
