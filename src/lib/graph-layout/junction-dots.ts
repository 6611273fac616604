import type { EdgeRoute } from "./types";

/** A junction point's identity (to 0.1 px, as drawn). */
export const junctionKey = (p: readonly [number, number]) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`;

/**
 * The junction points where at least two of the drawn edges really meet: the only ones drawn as dots, by the view's
 * edges and by the SVG export alike. (A route may list a merge point no other drawn edge passes, e.g. a bundle of one
 * across a frame, or an edge whose partners are hidden in a collapsed group: no dot there.)
 */
export function sharedJunctions(routes: Iterable<Pick<EdgeRoute, "junctions">>): Set<string> {
  const edgesAt = new Map<string, number>();
  for (const route of routes) {
    for (const k of new Set((route.junctions ?? []).map(junctionKey))) edgesAt.set(k, (edgesAt.get(k) ?? 0) + 1);
  }
  const shared = new Set<string>();
  for (const [k, n] of edgesAt) if (n >= 2) shared.add(k);
  return shared;
}
