import type { GraphEdge, GraphNode, WorkflowGraph } from "~/lib/visualizer/types";

/**
 * Deterministic synthetic WorkflowGraphs shaped like real workflows (chains, fan-out /
 * fan-in, routers with labelled conditional branches and a loop back, task groups with
 * nested groups, datasets, mapped tasks). Used by the layout tests and the benchmark so
 * both measure the same graphs.
 */
export interface SampleGraphOptions {
  /** Approximate number of nodes (groups included); the result has exactly this many. */
  nodes: number;
  seed?: number;
  /** Put segments into group frames (TaskGroups, subgraphs). Default true. */
  groups?: boolean;
  /** Routers loop back to an earlier step (LangGraph agent ↔ tools). Default true. */
  cycles?: boolean;
}

const WORDS = [
  "fetch", "load", "parse", "clean", "validate", "transform", "enrich", "score", "rank", "route",
  "summarize", "embed", "retrieve", "grade", "generate", "publish", "notify", "archive", "train", "evaluate",
];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

export function generateWorkflowGraph(options: SampleGraphOptions): WorkflowGraph {
  const total = Math.max(2, options.nodes);
  const random = rng(options.seed ?? 42);
  const useGroups = options.groups ?? true;
  const useCycles = options.cycles ?? true;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  let counter = 0;
  const pick = (n: number) => Math.floor(random() * n);

  const add = (kind: GraphNode["kind"], parent: string | null, extra?: Partial<GraphNode>): string => {
    counter++;
    const id = `n${String(counter).padStart(4, "0")}`;
    const word = WORDS[pick(WORDS.length)] ?? "step";
    const line = counter * 3;
    const span = { from: line * 40, to: line * 40 + 30, startLine: line, endLine: line + 2 };
    nodes.push({
      id,
      label: kind === "start" ? "START" : kind === "end" ? "END" : kind === "group" ? `group_${word}_${counter}` : `${word}_${counter}`,
      kind,
      source: span,
      definition: kind === "step" ? { ...span, startLine: line + 1 } : null,
      parent,
      ...extra,
    });
    return id;
  };
  const link = (source: string, target: string, kind: GraphEdge["kind"] = "flow", extra?: Partial<GraphEdge>) => {
    edges.push({ id: `e${edges.length + 1}:${source}->${target}`, source, target, kind, ...extra });
  };
  const left = () => total - 1 - nodes.length; // keep one slot for END

  // A segment appends nodes after `tails` and returns the new tails.
  const segment = (tails: string[], parent: string | null, depth: number): string[] => {
    const room = left();
    if (room <= 0) return tails;
    const choice = pick(useGroups && depth < 2 && room >= 5 ? 5 : 4);
    const joinTo = (target: string) => {
      for (const t of tails) link(t, target);
    };
    if (choice === 0 || room < 3) {
      // chain
      let prev = tails;
      const len = Math.min(room, 2 + pick(3));
      for (let i = 0; i < len; i++) {
        const id = add(random() < 0.08 ? "dataset" : "step", parent, random() < 0.1 ? { many: true } : undefined);
        for (const t of prev) link(t, id, nodes[nodes.length - 1]?.kind === "dataset" ? "data" : "flow");
        prev = [id];
      }
      return prev;
    }
    if (choice === 1) {
      // fan-out / fan-in
      const head = add("step", parent);
      joinTo(head);
      const width = Math.min(left() - 1, 2 + pick(4));
      const branches: string[] = [];
      for (let i = 0; i < width; i++) {
        const b = add("step", parent, random() < 0.2 ? { many: true } : undefined);
        link(head, b, "data");
        branches.push(b);
      }
      if (left() <= 0) return branches;
      const join = add("step", parent);
      for (const b of branches) link(b, join, "data");
      return [join];
    }
    if (choice === 2) {
      // router with labelled conditional branches, one looping back
      const router = add("step", parent);
      joinTo(router);
      const width = Math.min(left(), 2 + pick(2));
      const outs: string[] = [];
      const inferred = random() < 0.3;
      for (let i = 0; i < width; i++) {
        const b = add("step", parent);
        link(router, b, "conditional", { label: ["continue", "retry", "done", "tools"][i] ?? `case_${i}`, inferred });
        outs.push(b);
      }
      const first = outs[0];
      if (useCycles && first !== undefined) link(first, router); // agent <-> tools loop
      return outs.slice(1).length > 0 ? outs.slice(1) : outs;
    }
    if (choice === 3) {
      // kedro-style dataset hand-off
      const a = add("step", parent);
      joinTo(a);
      if (left() <= 0) return [a];
      const ds = add("dataset", parent);
      link(a, ds, "data");
      if (left() <= 0) return [ds];
      const b = add("step", parent);
      link(ds, b, "data");
      return [b];
    }
    // group frame holding a few segments
    const group = add("group", parent);
    let inner: string[] = [];
    const entry = add("step", group);
    joinTo(entry);
    inner = [entry];
    const count = 1 + pick(2);
    for (let i = 0; i < count && left() > 0; i++) inner = segment(inner, group, depth + 1);
    return inner;
  };

  const start = add("start", null);
  let tails = [start];
  while (left() > 0) tails = segment(tails, null, 0);
  const end = add("end", null);
  for (const t of tails) link(t, end);
  return { dialect: "generic", nodes, edges, diagnostics: [] };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Families of generated graphs for the drawing audit and the router's tests                                    */
/* ------------------------------------------------------------------------------------------------------------ */

export type SampleFamily = "workflow" | "chain" | "fanout" | "grid" | "random" | "nested" | "parallel" | "dense";

export const SAMPLE_FAMILIES: readonly SampleFamily[] = ["workflow", "chain", "fanout", "grid", "random", "nested", "parallel", "dense"];

class Builder {
  nodes: GraphNode[] = [];
  edges: GraphEdge[] = [];
  private span = { from: 0, to: 1, startLine: 1, endLine: 1 };
  node(id: string, kind: GraphNode["kind"] = "step", parent: string | null = null, label = id): string {
    this.nodes.push({ id, label, kind, source: this.span, definition: null, parent });
    return id;
  }
  edge(source: string, target: string, extra: Partial<GraphEdge> = {}): void {
    this.edges.push({ id: `e${this.edges.length}:${source}->${target}`, source, target, kind: "flow", ...extra });
  }
  graph(): WorkflowGraph {
    return { dialect: "generic", nodes: this.nodes, edges: this.edges, diagnostics: [] };
  }
}

const BRANCHES = ["continue", "retry", "done", "tools", "escalate", "fallback"];

/**
 * A generated graph of about `nodes` nodes of one family:
 * - `chain`: one long chain with a few long skips;
 * - `fanout`: fan-out / fan-in blocks one after the other, the widest up to 12;
 * - `grid`: a lattice with edges right and down (many unavoidable crossings);
 * - `random`: a random DAG with mostly short edges, plus loops back, self-loops, reverse pairs (a → b, b → a),
 *   labelled conditional edges;
 * - `nested`: groups three deep, edges within and across frames at every depth;
 * - `parallel`: Kedro-like parallel labelled edges between the same nodes, and two-cycles;
 * - `dense`: the Airflow shape that stalled the server: 80 tasks, `[40 tasks] >> [40 tasks]`, `[20] >> [60]`
 *   (2,000 edges; `nodes` is ignored);
 * - `workflow`: `generateWorkflowGraph` (routers, groups, datasets, mapped tasks).
 */
export function sampleGraph(family: SampleFamily, nodes: number, seed = 1): WorkflowGraph {
  const random = rng(seed * 7919 + nodes);
  const pick = (n: number) => Math.floor(random() * n);
  const b = new Builder();
  const id = (i: number) => `n${String(i).padStart(4, "0")}`;
  switch (family) {
    case "workflow":
      return generateWorkflowGraph({ nodes, seed });
    case "chain": {
      for (let i = 0; i < nodes; i++) b.node(id(i));
      for (let i = 1; i < nodes; i++) b.edge(id(i - 1), id(i));
      for (let i = 0; i + 5 < nodes; i += 7 + pick(5)) b.edge(id(i), id(i + 2 + pick(4)), { kind: "data" });
      return b.graph();
    }
    case "fanout": {
      let i = 0;
      b.node(id(i++));
      let join = id(0);
      while (i < nodes) {
        const width = Math.min(nodes - i, 2 + pick(11));
        const branches: string[] = [];
        for (let k = 0; k < width && i < nodes; k++) {
          const n = b.node(id(i++));
          b.edge(join, n);
          branches.push(n);
        }
        if (i >= nodes) break;
        join = b.node(id(i++));
        for (const n of branches) b.edge(n, join);
      }
      return b.graph();
    }
    case "grid": {
      const cols = Math.max(2, Math.round(Math.sqrt(nodes)));
      const rows = Math.max(1, Math.floor(nodes / cols));
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) b.node(id(r * cols + c));
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          if (c + 1 < cols) b.edge(id(r * cols + c), id(r * cols + c + 1));
          if (r + 1 < rows) b.edge(id(r * cols + c), id((r + 1) * cols + c));
        }
      }
      return b.graph();
    }
    case "random": {
      for (let i = 0; i < nodes; i++) b.node(id(i));
      for (let i = 1; i < nodes; i++) {
        const fanIn = 1 + (random() < 0.3 ? 1 : 0);
        for (let k = 0; k < fanIn; k++) {
          const from = Math.max(0, i - 1 - pick(Math.min(i, 6)));
          const cond = random() < 0.2;
          b.edge(id(from), id(i), cond ? { kind: "conditional", label: BRANCHES[pick(BRANCHES.length)] } : {});
        }
        if (random() < 0.06) b.edge(id(i), id(Math.max(0, i - 1 - pick(5))), { kind: "conditional", label: random() < 0.5 ? "retry" : undefined });
        if (random() < 0.03) b.edge(id(i), id(i), { kind: "conditional", label: random() < 0.5 ? "again" : undefined });
        if (random() < 0.04) b.edge(id(i), id(i - 1));
      }
      return b.graph();
    }
    case "nested": {
      let i = 0;
      const leaves: string[] = [];
      const make = (parent: string | null, depth: number) => {
        const count = 2 + pick(3);
        for (let k = 0; k < count && i < nodes; k++) {
          if (depth < 3 && random() < 0.35 && nodes - i > 4) {
            const g = b.node(`g${String(i++).padStart(4, "0")}`, "group", parent);
            make(g, depth + 1);
          } else {
            const n = b.node(id(i++), "step", parent);
            leaves.push(n);
          }
        }
      };
      while (i < nodes) make(null, 0);
      for (let k = 1; k < leaves.length; k++) {
        const from = leaves[Math.max(0, k - 1 - pick(Math.min(k, 4)))]!;
        b.edge(from, leaves[k]!, random() < 0.15 ? { kind: "conditional", label: BRANCHES[pick(BRANCHES.length)] } : {});
        if (random() < 0.05) b.edge(leaves[k]!, leaves[Math.max(0, k - 2 - pick(6))]!, { kind: "conditional" });
      }
      // Edges to and from a group frame itself (a subgraph used as a node).
      const groups = b.nodes.filter((n) => n.kind === "group");
      for (let k = 0; k + 1 < groups.length; k += 3) {
        const leaf = leaves[pick(leaves.length)]!;
        if (b.nodes.find((n) => n.id === leaf)?.parent !== groups[k]!.id) b.edge(groups[k]!.id, leaf);
      }
      return b.graph();
    }
    case "parallel": {
      let i = 0;
      let prev = b.node(id(i++));
      const names = ["x_train", "y_train", "x_test", "y_test", "model", "metrics", "params", "features"];
      while (i < nodes) {
        const next = b.node(id(i++));
        const count = 1 + pick(3);
        for (let k = 0; k < count; k++) b.edge(prev, next, { kind: "data", label: `${names[pick(names.length)]}_${k}` });
        if (random() < 0.25) b.edge(next, prev, { kind: "conditional", label: "retry" });
        if (random() < 0.2 && i < nodes) {
          const side = b.node(id(i++));
          b.edge(prev, side, { kind: "data", label: "x_test" });
          b.edge(prev, side, { kind: "data", label: "y_test" });
          b.edge(side, next, { kind: "data" });
        }
        prev = next;
      }
      return b.graph();
    }
    case "dense": {
      for (let k = 0; k < 80; k++) b.node(`t${String(k).padStart(2, "0")}`);
      const t = (k: number) => `t${String(k).padStart(2, "0")}`;
      for (let s = 0; s < 40; s++) for (let d = 40; d < 80; d++) b.edge(t(s), t(d));
      for (let s = 0; s < 20; s++) for (let d = 20; d < 40; d++) b.edge(t(s), t(d));
      return b.graph();
    }
  }
}
