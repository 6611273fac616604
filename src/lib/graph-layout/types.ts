export type LayoutDirection = "TB" | "LR";

/** A node's box in drawing coordinates: absolute top-left corner and size. */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Parent group id as laid out (null at the top level). */
  parent: string | null;
}

/**
 * How one edge is drawn, in the same absolute drawing coordinates as the node boxes. The view's custom edge and
 * the SVG/PNG export both draw `path`, so screen and export never differ; the drawing audit measures `points`.
 */
export interface EdgeRoute {
  /** SVG path data of the edge as drawn, from the source's border to the target's border (the arrow's tip). */
  path: string;
  /** The drawn path as a polyline (curves sampled): for the audit, hit tests and the minimap. */
  points: Array<[number, number]>;
  /** The label's box (top-left corner and size) when the edge has a label, else null. */
  label: { x: number; y: number; width: number; height: number } | null;
  /** The edge closes a cycle (it points against the layer direction, or is a self-loop): routed around the side, drawn dashed. */
  back: boolean;
  /**
   * Points where this edge merges with others and runs on a shared stretch (a junction of a dense bipartite join,
   * the place where edges bundled across a group frame meet). Between two such points that two edges both pass,
   * they are drawn as one line on purpose; the audit allows exactly that. Absent when the edge merges with none.
   */
  junctions?: Array<[number, number]>;
}

/**
 * The positions of one WorkflowGraph's nodes and the routes of its edges. Plain data (structured-clonable), so it
 * crosses the Web Worker boundary as is. Group frames are boxes like any other node and enclose their children.
 */
export interface LayoutResult {
  direction: LayoutDirection;
  /** `structureKey(graph)` of the graph that was laid out. */
  structureKey: string;
  nodes: Record<string, NodeBox>;
  /** Routes by `GraphEdge.id`, for the edges of the graph that was laid out (self-loops included). */
  edges: Record<string, EdgeRoute>;
  /** Bounding box of the whole drawing. */
  bounds: { x: number; y: number; width: number; height: number };
  /**
   * How the result was obtained: `reused` (structure unchanged: previous positions, no
   * layout run), `stable` (layout ran; unchanged nodes kept their previous place), or
   * `fresh` (layout ran; positions from the layout, shifted to line up with the previous
   * drawing when there was one).
   */
  origin: "reused" | "stable" | "fresh";
}
