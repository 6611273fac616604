import { coordGreedy, graph, sugiyama, type MutGraphNode } from "d3-dag";
import { SPACING } from "./node-size";
import type { EngineInput, EngineOutput, LayeredEngine } from "./types";

type Size = readonly [number, number];

// Built once: the operator is immutable and reads each node's size from its datum.
const layout = sugiyama()
  .nodeSize((node: { data: Size }) => node.data)
  .gap([SPACING.node, SPACING.rank])
  .coord(coordGreedy());

/**
 * d3-dag's Sugiyama layout (simplex layering, two-layer decrossing, greedy coordinates):
 * the fastest of the measured libraries with no overlaps and every edge in the layer
 * direction (docs/benchmarks-visualizer.md). Greedy coordinates rather than d3-dag's
 * default simplex ones: 2-4× faster and a drawing as narrow as dagre's, where simplex
 * coordinates made it 2-3× wider. Trade-off: edges are less often perfectly straight than
 * with dagre (Brandes-Köpf); `dagreEngine` can be injected instead.
 */
export const d3DagEngine: LayeredEngine = ({ sizes, links }: EngineInput): EngineOutput => {
  const n = sizes.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n === 0) return { x, y, width: 0, height: 0 };
  if (n === 1 || links.length === 0) return row(sizes);
  const order = chainOrder(n, links);
  if (order) return column(sizes, order);
  const g = graph<Size, undefined>();
  const handles: MutGraphNode<Size, undefined>[] = new Array(n);
  for (let i = 0; i < n; i++) handles[i] = g.node(sizes[i]!);
  for (const [s, t] of acyclicLinks(n, links)) g.link(handles[s]!, handles[t]!);
  const { width, height } = layout(g);
  for (let i = 0; i < n; i++) {
    const h = handles[i]!;
    x[i] = h.x;
    y[i] = h.y;
  }
  return { x, y, width, height };
};

/**
 * The links with each cycle broken the way a reader follows the workflow: a depth-first walk from the nodes
 * nothing points to (START, the first task), in node order, reverses only the links that go back to a node on
 * the current path (a loop's "go again" edge). Left to itself the layering may reverse the forward edge instead,
 * which draws a loop such as agent → tools → agent upside down. Self links are dropped; the edges themselves are
 * drawn with their real direction whatever the layers.
 */
export function acyclicLinks(n: number, links: EngineInput["links"]): Array<readonly [number, number]> {
  const out: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  for (const [s, t] of links) {
    if (s === t) continue;
    out[s]!.push(t);
    indegree[t]!++;
  }
  const state = new Uint8Array(n); // 0 unvisited, 1 on the path, 2 done
  const back = new Set<string>();
  const visit = (root: number) => {
    // Iterative DFS (a long chain must not overflow the stack).
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, i] = top;
      const targets = out[v]!;
      if (i >= targets.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1] = i + 1;
      const t = targets[i]!;
      if (state[t] === 1) back.add(`${v}>${t}`);
      else if (state[t] === 0) {
        state[t] = 1;
        stack.push([t, 0]);
      }
    }
  };
  for (let v = 0; v < n; v++) if (indegree[v] === 0 && state[v] === 0) visit(v);
  for (let v = 0; v < n; v++) if (state[v] === 0) visit(v); // cycles nothing enters
  const result: Array<readonly [number, number]> = [];
  const seen = new Set<string>();
  for (const [s, t] of links) {
    if (s === t) continue;
    const link: readonly [number, number] = back.has(`${s}>${t}`) ? [t, s] : [s, t];
    const key = `${link[0]}>${link[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(link);
  }
  return result;
}

/** Nodes without links: one rank, side by side (what the library would do, without calling it). */
function row(sizes: EngineInput["sizes"]): EngineOutput {
  const n = sizes.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let height = 0;
  for (const [, h] of sizes) height = Math.max(height, h);
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    const [w] = sizes[i]!;
    x[i] = cursor + w / 2;
    y[i] = height / 2;
    cursor += w + SPACING.node;
  }
  return { x, y, width: Math.max(0, cursor - SPACING.node), height };
}

/** The node order when the links form one simple path a → b → … through all nodes, else null. */
function chainOrder(n: number, links: EngineInput["links"]): number[] | null {
  if (links.length !== n - 1) return null;
  const next = new Int32Array(n).fill(-1);
  const hasIn = new Uint8Array(n);
  for (const [s, t] of links) {
    if (next[s]! !== -1 || hasIn[t]) return null;
    next[s] = t;
    hasIn[t] = 1;
  }
  let head = -1;
  for (let i = 0; i < n; i++) {
    if (!hasIn[i]) {
      if (head !== -1) return null;
      head = i;
    }
  }
  if (head === -1) return null;
  const order: number[] = [];
  for (let v = head; v !== -1 && order.length <= n; v = next[v]!) order.push(v);
  return order.length === n ? order : null;
}

/** A chain: one node per layer, centred on one axis (what the library draws, without calling it). */
function column(sizes: EngineInput["sizes"], order: number[]): EngineOutput {
  const n = sizes.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let width = 0;
  for (const [w] of sizes) width = Math.max(width, w);
  let cursor = 0;
  for (const i of order) {
    const [, h] = sizes[i]!;
    x[i] = width / 2;
    y[i] = cursor + h / 2;
    cursor += h + SPACING.rank;
  }
  return { x, y, width, height: Math.max(0, cursor - SPACING.rank) };
}
