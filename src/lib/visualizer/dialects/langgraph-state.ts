/**
 * LangGraph: what the reader knows while it walks a script — the graph builders found so far (each a group of the
 * drawing), what variables and functions hold, and the nodes that become subgraphs or "many" once every builder is
 * known.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import type { FunctionInfo } from "../module-index";
import type { NodeRole } from "../types";
import { END, START } from "./langgraph-names";

export interface Builder {
  groupId: string;
  /** The name the graph is known by in a parent graph (a prebuilt's or `compile(name=…)`'s `name`), if any. */
  graphName: string | null;
  /** What made it, shown as the group's detail: `StateGraph`, `create_react_agent`, `create_supervisor`. */
  madeBy: string;
  /** node name → node id */
  nodes: Map<string, string>;
  declared: Set<string>;
  firstRef: Map<string, SyntaxNode>;
  /** The script functions nodes run, by node name (their bodies may route with `Command`/`Send`). */
  nodeFns: Map<string, FunctionInfo>;
  /** Untyped routers: edges to every node, resolved once all nodes are known. */
  deferred: Array<{ source: string }>;
}

/** What an expression holds, as far as LangGraph goes: a builder, or a compiled graph (also a prebuilt agent). */
export type LgValue = { kind: "builder"; b: Builder } | { kind: "compiled"; b: Builder } | null;

/** A node of `parent` that runs the graph `sub`: drawn as a group holding `sub`'s nodes. */
export interface SubgraphUse {
  nodeId: string;
  parent: Builder;
  sub: Builder;
}

export class LangGraphState {
  readonly builders: Builder[] = [];
  readonly vars = new Map<string, LgValue>();
  /** What each script function returns, once its body has been read. */
  readonly returns = new Map<FunctionInfo, LgValue>();
  readonly subgraphs: SubgraphUse[] = [];
  /** Nodes reached through `Send`: one node standing for many runs. */
  readonly sendMany = new Set<string>();

  constructor(
    readonly ctx: Ctx,
    /** Evaluates an expression of the script (set by the walker, which knows the variables in scope). */
    readonly evaluate: (node: SyntaxNode) => LgValue,
  ) {}

  newBuilder(at: SyntaxNode, label: string, madeBy: string, graphName: string | null = null): Builder {
    const g = this.ctx.graph;
    const groupId = g.uniqueId(`langgraph:${label}`);
    g.addNode(groupId, { label, kind: "group", source: this.ctx.span(at), role: "graph", detail: madeBy });
    const b: Builder = {
      groupId,
      graphName,
      madeBy,
      nodes: new Map(),
      declared: new Set(),
      firstRef: new Map(),
      nodeFns: new Map(),
      deferred: [],
    };
    this.builders.push(b);
    return b;
  }

  /** The id of node `name` of builder `b`, adding it on first use. `declare` for its add_node (or equivalent). */
  ensureNode(b: Builder, name: string, at: SyntaxNode, declare: boolean): string {
    const g = this.ctx.graph;
    let id = b.nodes.get(name);
    if (!id) {
      const special = name === START ? "start" : name === END ? "end" : null;
      id = `${b.groupId}:${name}`;
      g.addNode(id, {
        label: special === "start" ? "START" : special === "end" ? "END" : name,
        kind: special ?? "step",
        source: special ? null : this.ctx.span(at),
        parent: b.groupId,
      });
      b.nodes.set(name, id);
      if (!declare && !special) b.firstRef.set(name, at);
    }
    if (declare) {
      b.declared.add(name);
      const node = g.get(id);
      if (node) node.source = this.ctx.span(at);
    }
    return id;
  }

  /** Declares node `name` with what it is: its role, the callable behind it, the function it runs. */
  declareNode(b: Builder, name: string, at: SyntaxNode, role: NodeRole, detail?: string, fn?: FunctionInfo): string {
    const id = this.ensureNode(b, name, at, true);
    const node = this.ctx.graph.get(id);
    if (node) {
      node.role = role;
      if (detail) node.detail = detail;
      else delete node.detail;
      if (fn) {
        node.definition = fn.definition;
        b.nodeFns.set(name, fn);
      }
    }
    return id;
  }
}
