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
 * The positions of one WorkflowGraph's nodes. Plain data (structured-clonable), so it
 * crosses the Web Worker boundary as is. Group frames are boxes like any other node and
 * enclose their children. Edges are not routed here: the view draws them between node
 * handles, and the SVG export draws the same curves.
 */
export interface LayoutResult {
  direction: LayoutDirection;
  /** `structureKey(graph)` of the graph that was laid out. */
  structureKey: string;
  nodes: Record<string, NodeBox>;
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
