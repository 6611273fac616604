/**
 * LangGraph: the methods of a graph builder — `add_node`, `add_edge`, `add_conditional_edges`, `add_sequence`,
 * `set_entry_point`, `set_finish_point`, `set_conditional_entry_point`, `compile`. Each returns what the call
 * evaluates to (the builder itself, or the compiled graph), so chained calls read like separate statements.
 */
import type { SyntaxNode } from "@lezer/common";
import { argList, callParts, dictEntries, dottedName, getArg, lastSegment, positional, sequenceItems, stringValue, unparen, type Arg } from "../syntax";
import { END, START, bodyTargets, calleeName, callableName, functionOf, literalTargets, resolveName } from "./langgraph-names";
import type { Builder, LangGraphState, LgValue } from "./langgraph-state";

/** The node a prebuilt `ToolNode(tools)` stands for: its name (`name=`, else LangGraph's default "tools"). */
export function toolNodeName(state: LangGraphState, node: SyntaxNode | null): string | null {
  if (!node || calleeName(state.ctx, node) !== "ToolNode") return null;
  const call = callParts(unparen(node));
  const nameArg = getArg(argList(state.ctx.code, call?.args ?? null), -1, "name");
  return (nameArg && stringValue(state.ctx.code, nameArg)) ?? "tools";
}

function addNode(state: LangGraphState, b: Builder, call: SyntaxNode, args: Arg[]): void {
  const { ctx } = state;
  const pos = positional(args);
  const actionKw = getArg(args, -1, "action");
  let nameNode: SyntaxNode | null = null;
  let fnNode: SyntaxNode | null = null;
  if (pos.length >= 2) [nameNode, fnNode] = [pos[0] ?? null, pos[1] ?? null];
  else if (pos.length === 1 && pos[0]) {
    if (actionKw || stringValue(ctx.code, unparen(pos[0])) !== null || resolveName(ctx, pos[0]) !== null) {
      nameNode = pos[0];
      fnNode = actionKw;
    } else fnNode = pos[0];
  } else {
    nameNode = getArg(args, -1, "node");
    fnNode = actionKw;
  }
  const sub = fnNode ? state.evaluate(fnNode) : null;
  const toolName = toolNodeName(state, fnNode);
  let name = nameNode ? resolveName(ctx, nameNode) : null;
  if (!name && sub) name = sub.b.graphName;
  if (!name && toolName) name = toolName;
  if (!name && fnNode) {
    const d = dottedName(ctx.code, unparen(fnNode));
    name = d ? lastSegment(d) : (functionOf(ctx, fnNode)?.name ?? null);
  }
  if (!name) {
    ctx.warn(call, "add_node: cannot tell the node's name");
    return;
  }
  let id: string;
  if (sub) {
    id = state.declareNode(b, name, call, "subgraph", callableName(ctx, fnNode) ?? sub.b.madeBy);
    if (sub.b !== b) state.subgraphs.push({ nodeId: id, parent: b, sub: sub.b });
  } else if (toolName) id = state.declareNode(b, name, call, "tools", "ToolNode");
  else id = state.declareNode(b, name, call, "node", callableName(ctx, fnNode), functionOf(ctx, fnNode));
  const dest = getArg(args, -1, "destinations");
  if (!dest) return;
  const entries = dictEntries(dest);
  if (entries) {
    for (const e of entries) {
      const t = resolveName(ctx, e.key);
      const label = stringValue(ctx.code, e.value) ?? undefined;
      if (t) ctx.graph.addEdge(id, state.ensureNode(b, t, call, false), "conditional", label ? { label } : {}, true);
    }
    return;
  }
  for (const i of sequenceItems(dest) ?? []) {
    const t = resolveName(ctx, i);
    if (t) ctx.graph.addEdge(id, state.ensureNode(b, t, call, false), "conditional", {}, true);
  }
}

/** `add_conditional_edges(source, router, path_map)`: the path map's targets, else the router's. */
export function addConditional(
  state: LangGraphState,
  b: Builder,
  sourceName: string,
  at: SyntaxNode,
  router: SyntaxNode | null,
  pathMap: SyntaxNode | null,
): void {
  const { ctx } = state;
  const source = state.ensureNode(b, sourceName, at, false);
  const r = router ? unparen(router) : null;
  const fn = functionOf(ctx, r);
  const routerBody = r?.name === "LambdaExpression" ? r : (fn?.body ?? null);
  const sends = bodyTargets(ctx, routerBody).sends;
  const targets: Array<{ name: string; label?: string }> = [];
  let map = pathMap ? unparen(pathMap) : null;
  if (map?.name === "VariableName") map = ctx.index.constants.get(ctx.text(map)) ?? map;
  if (map) {
    const entries = dictEntries(map);
    if (entries) {
      for (const e of entries) {
        const t = resolveName(ctx, e.value);
        if (t) targets.push({ name: t, label: stringValue(ctx.code, e.key) ?? ctx.text(e.key) });
      }
    } else {
      for (const i of sequenceItems(map) ?? []) {
        const t = resolveName(ctx, i);
        if (t) targets.push({ name: t });
      }
    }
  } else if (r && dottedName(ctx.code, r)?.endsWith("tools_condition")) {
    // langgraph.prebuilt.tools_condition routes to "tools" or END.
    targets.push({ name: "tools" }, { name: END });
  } else {
    for (const t of fn ? literalTargets(ctx, fn.returns) : []) targets.push({ name: t });
    for (const t of sends) if (!targets.some((x) => x.name === t)) targets.push({ name: t });
  }
  if (!targets.length) {
    b.deferred.push({ source });
    return;
  }
  for (const t of targets) {
    const id = state.ensureNode(b, t.name, at, false);
    if (sends.includes(t.name)) state.sendMany.add(id);
    ctx.graph.addEdge(source, id, "conditional", t.label ? { label: t.label } : {}, true);
  }
}

function addSequence(state: LangGraphState, b: Builder, args: Arg[]): void {
  const { ctx } = state;
  const list = getArg(args, 0, "nodes");
  let prev: string | null = null;
  for (const item of (list && sequenceItems(list)) ?? []) {
    const pair = sequenceItems(item);
    const nameNode = pair ? (pair[0] ?? null) : null;
    const fnNode = pair ? (pair[1] ?? null) : item;
    let name = nameNode ? resolveName(ctx, nameNode) : null;
    if (!name && fnNode) {
      const d = dottedName(ctx.code, fnNode);
      name = d ? lastSegment(d) : null;
    }
    if (!name) continue;
    const id = state.declareNode(b, name, item, "node", callableName(ctx, fnNode), functionOf(ctx, fnNode));
    if (prev) ctx.graph.addEdge(prev, id, "flow", {}, true);
    prev = id;
  }
}

/** Applies `b.<method>(…)`; returns what the call evaluates to. */
export function builderMethod(state: LangGraphState, b: Builder, method: string, call: SyntaxNode, args: Arg[]): LgValue {
  const { ctx } = state;
  const g = ctx.graph;
  const node = (x: SyntaxNode | null): string | null => (x ? resolveName(ctx, x) : null);
  switch (method) {
    case "add_node":
      addNode(state, b, call, args);
      break;
    case "add_edge": {
      const from = getArg(args, 0, "start_key");
      const target = node(getArg(args, 1, "end_key"));
      if (!from || !target) break;
      const t = state.ensureNode(b, target, call, false);
      for (const s of sequenceItems(from) ?? [from]) {
        const name = node(s);
        if (name) g.addEdge(state.ensureNode(b, name, call, false), t, "flow", {}, true);
      }
      break;
    }
    case "add_conditional_edges": {
      const name = node(getArg(args, 0, "source"));
      if (name) addConditional(state, b, name, call, getArg(args, 1, "path"), getArg(args, 2, "path_map"));
      break;
    }
    case "set_conditional_entry_point":
      addConditional(state, b, START, call, getArg(args, 0, "path"), getArg(args, 1, "path_map"));
      break;
    case "add_sequence":
      addSequence(state, b, args);
      break;
    case "set_entry_point": {
      const name = node(getArg(args, 0, "key"));
      if (name) g.addEdge(state.ensureNode(b, START, call, false), state.ensureNode(b, name, call, false), "flow");
      break;
    }
    case "set_finish_point": {
      const name = node(getArg(args, 0, "key"));
      if (name) g.addEdge(state.ensureNode(b, name, call, false), state.ensureNode(b, END, call, false), "flow");
      break;
    }
    case "compile": {
      const nameArg = getArg(args, -1, "name");
      const graphName = nameArg ? stringValue(ctx.code, nameArg) : null;
      if (graphName) b.graphName = graphName;
      return { kind: "compiled", b };
    }
    default:
      break;
  }
  return { kind: "builder", b };
}
