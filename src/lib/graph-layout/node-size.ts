import type { NodeKind } from "~/lib/visualizer/types";

/**
 * Node boxes have a fixed size per kind (labels are truncated with an ellipsis and
 * shown whole in a tooltip). A label edit therefore never changes the geometry, so
 * it never needs a new layout: only structure changes do.
 */
export const NODE_SIZE: Readonly<Record<Exclude<NodeKind, "group">, { width: number; height: number }>> = {
  step: { width: 180, height: 44 },
  start: { width: 104, height: 36 },
  end: { width: 104, height: 36 },
  dataset: { width: 168, height: 40 },
};

/** A group drawn without its children (collapsed, or empty). */
export const COLLAPSED_GROUP_SIZE = { width: 200, height: 48 } as const;

/** Space between a group frame and its children; the top is taller for the frame's title bar. */
export const GROUP_PADDING = { top: 40, right: 16, bottom: 16, left: 16 } as const;

/** Gaps used by the layered layout. */
export const SPACING = { node: 32, rank: 56 } as const;

/** Extra room drawn behind a `many` node (the stack effect). */
export const STACK_OFFSET = 6;

export function leafSize(kind: NodeKind): { width: number; height: number } {
  return kind === "group" ? COLLAPSED_GROUP_SIZE : NODE_SIZE[kind];
}

/** Edge labels are drawn truncated to this many characters (the full label is in the edge's accessible name). */
export const EDGE_LABEL_MAX_CHARS = 24;
export const EDGE_LABEL_HEIGHT = 18;

/**
 * The box of an edge label. Its width grows in steps of four characters, so most edits of a label keep the same
 * box (and so the same layout): `labelClass` is what the structure key sees.
 */
export function labelClass(label: string | undefined | null): number {
  if (!label) return 0;
  const chars = Array.from(label).length;
  return Math.min(EDGE_LABEL_MAX_CHARS, Math.max(4, Math.ceil(chars / 4) * 4));
}

export function edgeLabelSize(label: string | undefined | null): { width: number; height: number } | null {
  const cls = labelClass(label);
  return cls === 0 ? null : { width: cls * 6.5 + 12, height: EDGE_LABEL_HEIGHT };
}

/** Approximate width of one character of the 11 px edge label font. */
export const EDGE_LABEL_CHAR_WIDTH = 6.5;

/**
 * The text shown in an edge label box `width` px wide: `text`, shortened with an ellipsis when it does not fit. The
 * view's edge and the SVG export both draw this, so screen and export show the same label.
 */
export function fitEdgeLabel(text: string, width: number): string {
  const fits = Math.max(2, Math.floor((width - 8) / EDGE_LABEL_CHAR_WIDTH));
  const chars = Array.from(text);
  return chars.length <= fits ? text : `${chars.slice(0, fits - 1).join("")}…`;
}

/**
 * The text drawn on an edge: its label, and for an edge standing for several (collapsed groups) the count, e.g.
 * `continue ×3` or `×12`. The layout sizes the label box from this text; the view and the export draw it.
 */
export function edgeLabelText(edge: { label?: string; count?: number }): string | null {
  const count = edge.count !== undefined && edge.count > 1 ? `×${edge.count}` : "";
  if (edge.label && count) return `${edge.label} ${count}`;
  return edge.label || count || null;
}
