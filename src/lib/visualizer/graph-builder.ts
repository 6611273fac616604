/**
 * Collects nodes and edges with stable ids: ids are derived from names (dialect, group, label),
 * never from offsets, so an edit elsewhere in the file leaves them unchanged.
 */
import type { Diagnostic, EdgeKind, GraphEdge, GraphNode, NodeKind, NodeRole, SourceSpan } from "./types";

export interface NewNode {
  label: string;
  kind: NodeKind;
  source: SourceSpan | null;
  definition?: SourceSpan | null;
  parent?: string | null;
  many?: boolean;
  role?: NodeRole;
  detail?: string;
  inputs?: string[];
  outputs?: string[];
}

export interface EdgeOptions {
  label?: string;
  inferred?: boolean;
}

export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly nodeById = new Map<string, GraphNode>();
  private readonly edgeById = new Map<string, GraphEdge>();
  private readonly freeSuffix = new Map<string, number>();

  has(id: string): boolean {
    return this.nodeById.has(id);
  }

  get(id: string): GraphNode | undefined {
    return this.nodeById.get(id);
  }

  /** `base` if no node has it yet, else `base#2`, `base#3`… (numbered in source order). */
  uniqueId(base: string): string {
    if (!this.nodeById.has(base)) return base;
    // Start where the last search for this base stopped: a step called thousands of times stays linear.
    let i = this.freeSuffix.get(base) ?? 2;
    while (this.nodeById.has(`${base}#${i}`)) i++;
    this.freeSuffix.set(base, i);
    return `${base}#${i}`;
  }

  /** Adds a node under `id`; when a node already has that id, returns the existing one unchanged. */
  addNode(id: string, n: NewNode): GraphNode {
    const existing = this.nodeById.get(id);
    if (existing) return existing;
    const node: GraphNode = {
      id,
      label: n.label,
      kind: n.kind,
      source: n.source,
      definition: n.definition ?? null,
      parent: n.parent ?? null,
    };
    if (n.many) node.many = true;
    if (n.role) node.role = n.role;
    if (n.detail) node.detail = n.detail;
    if (n.inputs?.length) node.inputs = n.inputs;
    if (n.outputs?.length) node.outputs = n.outputs;
    this.nodes.push(node);
    this.nodeById.set(id, node);
    return node;
  }

  removeNode(id: string): void {
    const node = this.nodeById.get(id);
    if (!node) return;
    this.nodeById.delete(id);
    this.nodes.splice(this.nodes.indexOf(node), 1);
    this.freeSuffix.clear();
  }

  /** Adds an edge (deduplicated by endpoints and label). Self-loops are kept only when `allowSelf`. */
  addEdge(source: string, target: string, kind: EdgeKind, opts: EdgeOptions = {}, allowSelf = false): GraphEdge | null {
    if (source === target && !allowSelf) return null;
    const id = opts.label ? `${source}->${target}[${opts.label}]` : `${source}->${target}`;
    const existing = this.edgeById.get(id);
    if (existing) {
      // A stated edge wins over a guessed one.
      if (existing.inferred && !opts.inferred) delete existing.inferred;
      return existing;
    }
    const edge: GraphEdge = { id, source, target, kind };
    if (opts.label) edge.label = opts.label;
    if (opts.inferred) edge.inferred = true;
    this.edges.push(edge);
    this.edgeById.set(id, edge);
    return edge;
  }

  /** Drops edges whose endpoints are gone (for example a subgraph's own group node). */
  prune(): void {
    for (let i = this.edges.length - 1; i >= 0; i--) {
      const e = this.edges[i];
      if (e && (!this.nodeById.has(e.source) || !this.nodeById.has(e.target))) {
        this.edges.splice(i, 1);
        this.edgeById.delete(e.id);
      }
    }
    for (const n of this.nodes) if (n.parent && !this.nodeById.has(n.parent)) n.parent = null;
  }
}
