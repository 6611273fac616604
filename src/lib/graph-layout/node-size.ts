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
