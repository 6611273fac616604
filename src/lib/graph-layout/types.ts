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
  /** The edge closes a cycle (it points against the layer direction): routed around the side, drawn dashed. */
  back: boolean;
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

/**
 * One call of a layered-layout library on a flat graph, in top-to-bottom space: `sizes`
 * are [cross-axis size, rank-axis size] per node, `links` are [source, target] indices
 * (no self loops, no duplicates; cycles allowed). Returns node centres and the extent.
 * Injected into `layoutGraph` so tests can count calls and the benchmark can swap
 * libraries.
 */
export type LayeredEngine = (input: EngineInput) => EngineOutput;

export interface EngineInput {
  sizes: ReadonlyArray<readonly [number, number]>;
  links: ReadonlyArray<readonly [number, number]>;
}

export interface EngineOutput {
  /** Centre x (cross axis) per node, same order as `sizes`. */
  x: ArrayLike<number>;
  /** Centre y (rank axis) per node. */
  y: ArrayLike<number>;
  width: number;
  height: number;
}
