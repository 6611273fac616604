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
