/**
 * The data of one layered layout (layered.ts): its input (boxes and links of one container), its output (box
 * centres and routes), and the constants its steps share.
 */
import type { Pt, Waypoints } from "../geometry";
import { SPACING } from "../node-size";

export interface Size {
  w: number;
  h: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LNode {
  /** Box size: cross axis, rank axis. Boundary nodes are points (0 × 0). */
  w: number;
  h: number;
  /** `top` / `bottom`: a point on the container's top or bottom edge, where an edge enters or leaves the frame. */
  role: "node" | "top" | "bottom";
  /** Where the node's centre was on the cross axis in the previous drawing (pulls it back there). */
  anchor?: number | null;
  /**
   * For `top` / `bottom` points: where the edge goes outside the container, on the cross axis (same origin as the
   * container's content). When every point of a face has one, they are ordered by it and the inside follows.
   */
  hint?: number | null;
}

export interface LLink {
  s: number;
  t: number;
  /** The link points against the layers (closes a cycle). Ignored for self-loops. */
  back: boolean;
  /** The label's box size (top-to-bottom space), or null. */
  label: Size | null;
  /** The end attaches by the side lanes (the real end of a back link), else by a port on its face. */
  sSide: boolean;
  tSide: boolean;
  /** A port fixed by the caller (offset from the box's left), e.g. where an edge leaves a group frame. */
  sPort?: number;
  tPort?: number;
  /** May be merged with others into a junction (plain edges between plain nodes). */
  concentrate: boolean;
}

export interface LPiece extends Waypoints {
  /** Points where this route merges with others (junctions, frame crossings): shared stretches run between them. */
  junctions: Pt[];
  label: Box | null;
}

export interface LOut {
  /** Box centres per input node. */
  cx: Float64Array;
  cy: Float64Array;
  width: number;
  height: number;
  /** Route per input link, in the link's direction. */
  pieces: LPiece[];
  /** Crossings of the order kept (between consecutive layers, ports counted where they are). */
  crossings: number;
}

export interface LayeredOptions {
  /** Decrossing sweeps at most (fewer past a size). */
  maxSweeps?: number;
}

export const GAP_NODE = SPACING.node;
export const GAP_MIXED = 16;
export const GAP_THIN = 12;
export const RANK_GAP = SPACING.rank;
export const BOUNDARY_GAP = 28;
export const LANE_FIRST = 12;
export const LANE = 9;
export const LOOP_FIRST = 14;
export const PORT_MIN_GAP = 8;

/** Bicliques at least this big (|S| × |T|, both ≥ 2) go through a junction. */
export const JUNCTION_MIN_EDGES = 9;
/** Past this many items + links the decrossing makes only a few sweeps. */
export const BIG = 20_000;

export type ItemKind = 0 | 1 | 2 | 3; // node, junction, dummy, label dummy
export const NODE = 0;
export const JUNCTION = 1;
export const DUMMY = 2;
export const LABEL = 3;

export interface ILink {
  s: number;
  t: number;
  back: boolean;
  label: Size | null;
  sSide: boolean;
  tSide: boolean;
  sPort: number | undefined;
  tPort: number | undefined;
}

/** The input of the steps, as given to `layoutLayers`. */
export interface LayeredInput {
  nodes: readonly LNode[];
  links: readonly LLink[];
  options: LayeredOptions;
}
