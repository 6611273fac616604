import type { WorkflowGraph } from "~/lib/visualizer/types";
import { edgeLabelText, labelClass } from "./node-size";

/*
 * Its own module, apart from the layout code, so the editor's main bundle can tell whether a layout is still valid
 * without carrying the layout itself (that runs in the layout worker; docs/decisions/083).
 */

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A cheap fingerprint of what the layout depends on: node ids, their parents, their size class (kind), and the
 * edges (source → target, with the size class of their label: a label is a box in the layout). Edge ids and kinds
 * and most label edits do not matter. Equal keys → the previous layout is still valid.
 */
export function structureKey(graph: WorkflowGraph): string {
  const nodeKeys: string[] = new Array(graph.nodes.length);
  for (let i = 0; i < graph.nodes.length; i++) {
    const n = graph.nodes[i]!;
    nodeKeys[i] = `${n.id}\u0001${n.parent ?? ""}\u0001${n.kind}`;
  }
  nodeKeys.sort(byString);
  const edgeKeys: string[] = new Array(graph.edges.length);
  for (let i = 0; i < graph.edges.length; i++) {
    const e = graph.edges[i]!;
    edgeKeys[i] = `${e.source}\u0001${e.target}\u0001${labelClass(edgeLabelText(e))}`;
  }
  edgeKeys.sort(byString);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  };
  for (const k of nodeKeys) feed(`${k}\u0002`);
  feed("\u0003");
  for (const k of edgeKeys) feed(`${k}\u0002`);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${nodeKeys.length}.${edgeKeys.length}.${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}
