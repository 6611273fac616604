/**
 * LangGraph. Every `StateGraph(…)` (or `MessageGraph`/`Graph`) builder is a group (role `graph`); its nodes come
 * from `add_node("name", fn)` / `add_node(fn)` / `add_sequence([...])`, with `START` and `END` as start and end
 * nodes, and its edges from the builder's methods (langgraph-builder.ts). Prebuilt agents and supervisors are
 * graphs of their own (langgraph-prebuilt.ts); a compiled graph or a prebuilt agent added as a node of another
 * graph is a subgraph: that node becomes the group of the subgraph's nodes. Nodes typed `-> Command[Literal[…]]`
 * (or returning `Command(goto=…)`, or sending `Send(…)`) get conditional edges to those targets;
 * `Command(graph=Command.PARENT)` routes in the parent graph. The functional API (`@entrypoint`/`@task`) is read by
 * langgraph-functional.ts.
 *
 * Builders are found in any function body, in source order (a function is read first where it is called); a
 * variable holds the latest builder assigned to it, and a call of a script function holds what it returns.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import type { FunctionInfo } from "../module-index";
import {
  SKIP,
  argList,
  assignParts,
  callParts,
  child,
  dottedName,
  lastSegment,
  memberParts,
  unparen,
  walkStatements,
} from "../syntax";
import { builderMethod } from "./langgraph-builder";
import { extractFunctional } from "./langgraph-functional";
import { END, START, bodyTargets, literalTargets } from "./langgraph-names";
import { PREBUILT_AGENTS, PREBUILT_SUPERVISORS, prebuiltAgent, prebuiltSupervisor } from "./langgraph-prebuilt";
import { LangGraphState, type Builder, type LgValue } from "./langgraph-state";

const BUILDER_CLASSES = new Set(["StateGraph", "MessageGraph", "Graph"]);
/** Methods of a compiled graph that return the graph itself (configured). */
const SAME_GRAPH_METHODS = new Set(["with_config", "with_retry", "with_listeners"]);

/** Where a statement is: the script function being read (null at module level) and the name groups get there. */
interface Scope {
  fn: FunctionInfo | null;
  name: string | null;
  /** The class being read, if any: a graph built in its `__init__` is named after the class. */
  cls?: string;
}

export function extractLangGraph(ctx: Ctx): void {
  const code = ctx.code;
  let scope: Scope = { fn: null, name: null };
  const walked = new Set<FunctionInfo>();
  const byDeclaration = new Map<number, FunctionInfo>();
  for (const f of ctx.index.allFunctions) byDeclaration.set(f.declaration.from, f);

  const isBuilderClass = (name: string): boolean => {
    if (BUILDER_CLASSES.has(lastSegment(name))) return name !== "Graph" || ctx.index.importedAs.get("Graph")?.startsWith("langgraph") === true;
    const imported = ctx.index.importedAs.get(name);
    return imported !== undefined && imported.startsWith("langgraph") && BUILDER_CLASSES.has(lastSegment(imported));
  };

  const evalExpr = (node: SyntaxNode, assignName: string | null, depth = 0): LgValue => {
    if (depth > 100) return null;
    const n = unparen(node);
    if (n.name === "VariableName") return state.vars.get(ctx.text(n)) ?? null;
    if (n.name === "MemberExpression") {
      // `self.graph`, `agents.research`: attributes assigned a builder or a graph earlier.
      const dotted = dottedName(code, n);
      if (dotted) return state.vars.get(dotted) ?? null;
    }
    const call = callParts(n);
    if (!call) return null;
    const callee = dottedName(code, call.callee);
    const last = callee ? lastSegment(callee) : null;
    if (callee && last) {
      if (isBuilderClass(callee)) return { kind: "builder", b: state.newBuilder(n, scope.name ?? assignName ?? "graph", last) };
      const label = assignName ?? scope.name;
      if (PREBUILT_AGENTS.has(last)) return prebuiltAgent(state, n, last, argList(code, call.args), label ?? "agent");
      if (PREBUILT_SUPERVISORS.has(last)) return prebuiltSupervisor(state, n, last, argList(code, call.args), label ?? "supervisor");
      const fn = callee === last ? ctx.fn(callee) : undefined;
      if (fn) return returnOf(fn);
    }
    const m = memberParts(code, call.callee);
    if (!m) return null;
    const obj = evalExpr(m.object, assignName, depth + 1);
    if (obj?.kind === "builder") return builderMethod(state, obj.b, m.property, n, argList(code, call.args));
    if (obj?.kind === "compiled" && SAME_GRAPH_METHODS.has(m.property)) return obj;
    return null;
  };

  const state = new LangGraphState(ctx, (node) => evalExpr(node, null));

  const assign = (stmt: SyntaxNode): void => {
    const { targets, values } = assignParts(stmt);
    const value = values.length === 1 ? values[0] : undefined;
    if (!value) return;
    const firstTarget = targets[0]?.[0];
    const assignName = firstTarget?.name === "VariableName" ? ctx.text(firstTarget) : null;
    const v = evalExpr(value, assignName);
    for (const group of targets) {
      for (const t of group) {
        const name = t.name === "VariableName" ? ctx.text(t) : t.name === "MemberExpression" ? dottedName(code, t) : null;
        if (!name) continue;
        if (v) state.vars.set(name, v);
        else state.vars.delete(name);
      }
    }
  };

  const visit = (stmt: SyntaxNode, current: Scope): Scope | typeof SKIP | undefined => {
    scope = current;
    switch (stmt.name) {
      case "AssignStatement":
        assign(stmt);
        return undefined;
      case "ExpressionStatement":
        for (let c = stmt.firstChild; c; c = c.nextSibling) evalExpr(c, null);
        return undefined;
      case "ReturnStatement":
        for (let c = stmt.firstChild; c; c = c.nextSibling) {
          const v = c.name === "return" ? null : evalExpr(c, null);
          if (v && current.fn) state.returns.set(current.fn, v);
        }
        return undefined;
      case "FunctionDefinition":
      case "DecoratedStatement": {
        const fn = byDeclaration.get(stmt.from);
        if (!fn) return undefined;
        if (walked.has(fn)) return SKIP;
        walked.add(fn);
        const dunder = fn.name.startsWith("__") && fn.name.endsWith("__");
        return { fn, name: dunder && current.cls ? current.cls : fn.name };
      }
      case "ClassDefinition": {
        const nameNode = child(stmt, "VariableName");
        const name = nameNode ? ctx.text(nameNode) : current.name;
        return { fn: null, name, cls: name ?? undefined };
      }
      default:
        return undefined;
    }
  };

  /** What a script function returns: its body is read now if the walk has not reached it yet. */
  const returnOf = (fn: FunctionInfo): LgValue => {
    if (!walked.has(fn) && fn.body) {
      walked.add(fn);
      const saved = scope;
      walkStatements<Scope>(fn.body, { fn, name: fn.name }, visit, 50);
      scope = saved;
    }
    return state.returns.get(fn) ?? null;
  };

  walkStatements<Scope>(ctx.tree.topNode, scope, visit, 50);
  finish(state);
  extractFunctional(ctx);
}

/** Once every builder is known: routing in node bodies, untyped routers, warnings, many, subgraphs. */
function finish(state: LangGraphState): void {
  const { ctx } = state;
  const g = ctx.graph;
  const parentOf = new Map<Builder, { nodeId: string; parent: Builder }>();
  for (const use of state.subgraphs) if (!parentOf.has(use.sub)) parentOf.set(use.sub, use);
  for (const b of state.builders) {
    // Nodes that return Command(goto=…) / Send(…), or are typed -> Command[Literal[…]].
    for (const [name, fn] of b.nodeFns) {
      const source = b.nodes.get(name);
      if (!source) continue;
      const typed = fn.returns && ctx.text(fn.returns).includes("Command") ? literalTargets(ctx, fn.returns) : [];
      const { gotos, sends, parentGotos } = bodyTargets(ctx, fn.body);
      // A typed target the body reaches with `graph=Command.PARENT` is a node of the parent graph.
      const local = typed.filter((t) => !parentGotos.includes(t) || gotos.includes(t));
      for (const t of [...local, ...gotos, ...sends]) {
        const id = state.ensureNode(b, t, fn.node, false);
        if (sends.includes(t)) state.sendMany.add(id);
        g.addEdge(source, id, "conditional", {}, true);
      }
      const up = parentOf.get(b);
      if (up) for (const t of parentGotos) g.addEdge(up.nodeId, state.ensureNode(up.parent, t, fn.node, false), "conditional", {}, true);
    }
    for (const d of b.deferred) {
      const targets = [...b.nodes.entries()].filter(([n]) => n !== START).map(([, id]) => id);
      if (!b.nodes.has(END)) targets.push(state.ensureNode(b, END, ctx.tree.topNode, false));
      for (const t of targets) if (t !== d.source) g.addEdge(d.source, t, "conditional", { inferred: true });
    }
  }
  for (const b of state.builders) {
    for (const [name, at] of b.firstRef) {
      if (!b.declared.has(name)) ctx.warn(at, `Node "${name}" is used in an edge but never added with add_node`);
    }
  }
  for (const id of state.sendMany) {
    const n = g.get(id);
    if (n) n.many = true;
  }
  for (const { nodeId, sub } of state.subgraphs) {
    const node = g.get(nodeId);
    if (!node || node.kind === "group" || sub.groupId === node.parent || !g.has(sub.groupId)) continue;
    node.kind = "group";
    for (const n of g.nodes) if (n.parent === sub.groupId) n.parent = nodeId;
    g.removeNode(sub.groupId);
  }
}
