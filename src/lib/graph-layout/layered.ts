/**
 * One flat layered (Sugiyama) layout with its edge routes, in top-to-bottom space: the boxes of one container (the
 * drawing's top level or one group frame) and the links between them.
 *
 * 1. Links the caller marked `back` (they close a cycle) point up: the layering sees them reversed. Complete
 *    bipartite joins (sources with identical target sets, ≥ 3 × 3 or so) go through a junction node: |S| + |T|
 *    links instead of |S| × |T| (Airflow's `[a, b, …] >> [c, d, …]`).
 * 2. Layers by longest path, then sources and fan-out nodes pulled down towards their successors. A labelled link
 *    spans at least two layers: its label is a box in the middle layer, placed like a node, so it never lands on a
 *    node or another label and the edge runs through it.
 * 3. Long links get one dummy per layer crossed; the order in each layer comes from barycenter sweeps with adjacent
 *    exchange from several starts, keeping the order with the fewest crossings, ports counted where they are
 *    (ordering.ts; fewer sweeps and starts on big inputs: the cost stays bounded).
 * 4. Cross-axis coordinates: each layer in turn is placed at the weighted mean of its neighbours, subject to the
 *    order and the minimum gaps, by pool-adjacent-violators (an exact least-squares fit, linear time).
 * 5. Routes: inside a layer's band an edge runs straight along the rank axis at its dummy's (or port's) position,
 *    which the coordinates keep clear of every box of that layer; between two bands, where there are no boxes, it
 *    is an S-curve. So no route crosses a box of its container, by construction. Each end has its own port on the
 *    face it uses; back links leave and enter by the right side through lanes reserved beside the box (the box is
 *    laid out wider), self-loops are loops on the left side with their label beside them.
 */
import { buildLinks } from "./layered/links";
import { rankNodes } from "./layered/ranking";
import { buildChains } from "./layered/chains";
import { orderItems } from "./layered/order-items";
import { placeItems } from "./layered/coordinates";
import { assignPortsAndLanes } from "./layered/ports";
import { assignTracks } from "./layered/tracks";
import { buildRoutes } from "./layered/routes";
import type { LayeredOptions, LLink, LNode, LOut } from "./layered/model";

export type { Box, LayeredOptions, LLink, LNode, LOut, LPiece, Size } from "./layered/model";
export { JUNCTION_MIN_EDGES } from "./layered/model";

/** Each step is a module of `layered/` named for it; each takes what the earlier steps produced and adds its own. */
export function layoutLayers(nodes: readonly LNode[], links: readonly LLink[], options: LayeredOptions = {}): LOut {
  const input = { nodes, links, options };
  const s1 = { ...input, ...buildLinks(input) };
  const s2 = { ...s1, ...rankNodes(s1) };
  const s3 = { ...s2, ...buildChains(s2) };
  const s4 = { ...s3, ...orderItems(s3) };
  const s5 = { ...s4, ...placeItems(s4) };
  const s6 = { ...s5, ...assignPortsAndLanes(s5) };
  const s7 = { ...s6, ...assignTracks(s6) };
  const s8 = { ...s7, ...buildRoutes(s7) };
  const { cx, cy, width, height, pieces, crossings } = s8;
  return { cx, cy, width, height, pieces, crossings };
}
