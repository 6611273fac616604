/**
 * LangGraph. Every `StateGraph(…)` (or `MessageGraph`/`Graph`) builder is a group; its nodes come from
 * `add_node("name", fn)` / `add_node(fn)` / `add_sequence([...])`, with `START` and `END` as start and
 * end nodes. Edges from `add_edge` (a list of sources is a join), `set_entry_point`,
 * `set_finish_point`, and `add_conditional_edges(source, router, path_map)`: a dict's keys label the
 * edges; without a path map the targets come from the router's `Literal[…]` / `Command[Literal[…]]`
 * return annotation or the `Send("node", …)` calls in its body (the target is then marked many); an
 * untyped router gets an inferred edge to every node of the graph. Nodes typed
 * `-> Command[Literal[…]]` (or returning `Command(goto=…)`) get conditional edges to those targets.
 * Node names may be module constants (`RETRIEVE = "retrieve"`, `Nodes.RETRIEVE`). A compiled builder
 * added as a node is a subgraph: that node becomes the group of the subgraph's nodes.
 *
 * Builders are found in any function body, in source order; a variable holds the latest builder
 * assigned to it.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import type { FunctionInfo } from "../module-index";
import {
  definitionBody,
  argList,
  assignParts,
  callParts,
  child,
  dictEntries,
  dottedName,
  getArg,
  lastSegment,
  memberParts,
  positional,
  sequenceItems,
  statements,
  stringValue,
  unparen,
  type Arg,
} from "../syntax";

const BUILDER_CLASSES = new Set(["StateGraph", "MessageGraph", "Graph"]);
const START = "__start__";
const END = "__end__";

interface Builder {
  groupId: string;
  /** node name → node id */
  nodes: Map<string, string>;
  declared: Set<string>;
  firstRef: Map<string, SyntaxNode>;
  nodeFns: Map<string, FunctionInfo>;
  /** Untyped routers: edges to every node, resolved once all nodes are known. */
  deferred: Array<{ source: string }>;
}

type LgValue = { kind: "builder"; b: Builder } | { kind: "compiled"; b: Builder } | null;

export function extractLangGraph(ctx: Ctx): void {
  const g = ctx.graph;
  const code = ctx.code;
  const builders: Builder[] = [];
  const vars = new Map<string, LgValue>();
  const subgraphs: Array<{ nodeId: string; sub: Builder }> = [];
  const sendMany = new Set<string>();
  const mayHaveCommands = code.includes("Command") || code.includes("Send(");

  const isBuilderClass = (callee: SyntaxNode): boolean => {
    const name = dottedName(code, callee);
    if (!name) return false;
    if (BUILDER_CLASSES.has(lastSegment(name))) return name !== "Graph" || ctx.index.importedAs.get("Graph")?.startsWith("langgraph") === true;
    const imported = ctx.index.importedAs.get(name);
    return imported !== undefined && imported.startsWith("langgraph") && BUILDER_CLASSES.has(lastSegment(imported));
  };

  const resolveName = (node: SyntaxNode): string | null => {
    const n = unparen(node);
    const s = stringValue(code, n);
    if (s !== null) return s;
    const dotted = dottedName(code, n);
    if (!dotted) return null;
    const constant = ctx.index.constants.get(dotted) ?? ctx.index.constants.get(dotted.replace(/\.value$/, ""));
    if (constant) {
      const v = stringValue(code, constant);
      if (v !== null) return v;
    }
    const last = lastSegment(dotted);
    if (last === "START") return START;
    if (last === "END") return END;
    return null;
  };

  const ensureNode = (b: Builder, name: string, at: SyntaxNode, declare: boolean): string => {
    let id = b.nodes.get(name);
    if (!id) {
      const special = name === START ? "start" : name === END ? "end" : null;
      id = `${b.groupId}:${name}`;
      g.addNode(id, {
        label: special === "start" ? "START" : special === "end" ? "END" : name,
        kind: special ?? "step",
        source: special ? null : ctx.span(at),
        parent: b.groupId,
      });
      b.nodes.set(name, id);
      if (!declare && !special) b.firstRef.set(name, at);
    }
    if (declare) {
      b.declared.add(name);
      const node = g.get(id);
      if (node) node.source = ctx.span(at);
    }
    return id;
  };

  const functionOf = (node: SyntaxNode | null): FunctionInfo | undefined => {
    if (!node) return undefined;
    const n = unparen(node);
    if (n.name === "VariableName") return ctx.fn(ctx.text(n));
    if (n.name === "MemberExpression") {
      const d = dottedName(code, n);
      return d ? ctx.fn(lastSegment(d)) : undefined;
    }
    const call = callParts(n);
    if (call) {
      // RunnableLambda(fn), partial(fn, …)
      const first = getArg(argList(code, call.args), 0);
      return first ? functionOf(first) : undefined;
    }
    return undefined;
  };

  /** Names inside every `Literal[…]` of a type annotation. */
  const literalTargets = (annotation: SyntaxNode | null): string[] => {
    const out: string[] = [];
    if (!annotation) return out;
    const cursor = annotation.cursor();
    const end = annotation.to;
    do {
      if (cursor.from >= end) break;
      if (cursor.name === "MemberExpression") {
        const node = cursor.node;
        const obj = node.firstChild;
        const objName = obj ? dottedName(code, obj) : null;
        if (objName && lastSegment(objName) === "Literal") {
          for (let c = obj?.nextSibling ?? null; c; c = c.nextSibling) {
            const name = c.name === "[" || c.name === "]" || c.name === "," ? null : resolveName(c);
            if (name) out.push(name);
          }
        }
      }
    } while (cursor.next() && cursor.from < end);
    return out;
  };

  /** `Send("node", …)` and `Command(goto=…)` targets in a function body. */
  const bodyTargets = (fn: FunctionInfo): { sends: string[]; gotos: string[] } => {
    const sends: string[] = [];
    const gotos: string[] = [];
    if (!mayHaveCommands || !fn.body) return { sends, gotos };
    const cursor = fn.body.cursor();
    const end = fn.body.to;
    do {
      if (cursor.from >= end) break;
      if (cursor.name === "CallExpression") {
        const call = callParts(cursor.node);
        const name = call ? dottedName(code, call.callee) : null;
        const last = name ? lastSegment(name) : null;
        if (call && last === "Send") {
          const first = getArg(argList(code, call.args), 0, "node");
          const target = first ? resolveName(first) : null;
          if (target) sends.push(target);
        } else if (call && last === "Command") {
          const goto = getArg(argList(code, call.args), -1, "goto");
          if (goto) {
            for (const item of sequenceItems(goto) ?? [goto]) {
              const t = resolveName(item);
              if (t) gotos.push(t);
            }
          }
        }
      }
    } while (cursor.next() && cursor.from < end);
    return { sends, gotos };
  };

  const addConditional = (b: Builder, sourceName: string, at: SyntaxNode, router: SyntaxNode | null, pathMap: SyntaxNode | null): void => {
    const source = ensureNode(b, sourceName, at, false);
    const fn = functionOf(router);
    const targets: Array<{ name: string; label?: string; many?: boolean }> = [];
    let map = pathMap ? unparen(pathMap) : null;
    if (map?.name === "VariableName") map = ctx.index.constants.get(ctx.text(map)) ?? map;
    const sends = fn ? bodyTargets(fn).sends : [];
    if (map) {
      const entries = dictEntries(map);
      const items = entries ? null : sequenceItems(map);
      if (entries) {
        for (const e of entries) {
          const t = resolveName(e.value);
          if (!t) continue;
          const key = stringValue(code, e.key) ?? ctx.text(e.key);
          targets.push({ name: t, label: key });
        }
      } else if (items) {
        for (const i of items) {
          const t = resolveName(i);
          if (t) targets.push({ name: t });
        }
      }
    } else if (router && dottedName(code, router)?.endsWith("tools_condition")) {
      // langgraph.prebuilt.tools_condition routes to "tools" or END.
      targets.push({ name: "tools" }, { name: END });
    } else {
      for (const t of fn ? literalTargets(fn.returns) : []) targets.push({ name: t });
      for (const t of sends) if (!targets.some((x) => x.name === t)) targets.push({ name: t });
    }
    if (!targets.length) {
      b.deferred.push({ source });
      return;
    }
    for (const t of targets) {
      const id = ensureNode(b, t.name, at, false);
      if (sends.includes(t.name)) sendMany.add(id);
      g.addEdge(source, id, "conditional", t.label ? { label: t.label } : {}, true);
    }
  };

  const builderMethod = (b: Builder, method: string, call: SyntaxNode, args: Arg[]): LgValue => {
    switch (method) {
      case "add_node": {
        const pos = positional(args);
        const nodeKw = getArg(args, -1, "node");
        const actionKw = getArg(args, -1, "action");
        let nameNode: SyntaxNode | null = null;
        let fnNode: SyntaxNode | null = null;
        if (pos.length >= 2) [nameNode, fnNode] = [pos[0] ?? null, pos[1] ?? null];
        else if (pos.length === 1 && pos[0]) {
          if (actionKw || stringValue(code, unparen(pos[0])) !== null) {
            nameNode = pos[0];
            fnNode = actionKw;
          } else fnNode = pos[0];
        } else {
          nameNode = nodeKw;
          fnNode = actionKw;
        }
        const sub = fnNode ? evalExpr(fnNode, null, null) : null;
        let name = nameNode ? resolveName(nameNode) : null;
        if (!name && fnNode) {
          const f = unparen(fnNode);
          const d = dottedName(code, f);
          name = d ? lastSegment(d) : (functionOf(f)?.name ?? null);
        }
        if (!name) {
          ctx.warn(call, "add_node: cannot tell the node's name");
          return { kind: "builder", b };
        }
        const id = ensureNode(b, name, call, true);
        const fn = functionOf(fnNode);
        const node = g.get(id);
        if (fn && node) {
          node.definition = fn.definition;
          b.nodeFns.set(name, fn);
        }
        if (sub?.kind === "compiled" || sub?.kind === "builder") subgraphs.push({ nodeId: id, sub: sub.b });
        const dest = getArg(args, -1, "destinations");
        if (dest) {
          const entries = dictEntries(dest);
          if (entries) {
            for (const e of entries) {
              const t = resolveName(e.key);
              const label = stringValue(code, e.value) ?? undefined;
              if (t) g.addEdge(id, ensureNode(b, t, call, false), "conditional", label ? { label } : {}, true);
            }
          } else {
            for (const i of sequenceItems(dest) ?? []) {
              const t = resolveName(i);
              if (t) g.addEdge(id, ensureNode(b, t, call, false), "conditional", {}, true);
            }
          }
        }
        return { kind: "builder", b };
      }
      case "add_edge": {
        const from = getArg(args, 0, "start_key");
        const to = getArg(args, 1, "end_key");
        const target = to ? resolveName(to) : null;
        if (!from || !target) return { kind: "builder", b };
        const t = ensureNode(b, target, call, false);
        for (const s of sequenceItems(from) ?? [from]) {
          const name = resolveName(s);
          if (name) g.addEdge(ensureNode(b, name, call, false), t, "flow", {}, true);
        }
        return { kind: "builder", b };
      }
      case "add_conditional_edges": {
        const source = getArg(args, 0, "source");
        const name = source ? resolveName(source) : null;
        if (name) addConditional(b, name, call, getArg(args, 1, "path"), getArg(args, 2, "path_map"));
        return { kind: "builder", b };
      }
      case "set_conditional_entry_point":
        addConditional(b, START, call, getArg(args, 0, "path"), getArg(args, 1, "path_map"));
        return { kind: "builder", b };
      case "add_sequence": {
        const list = getArg(args, 0, "nodes");
        let prev: string | null = null;
        for (const item of (list && sequenceItems(list)) ?? []) {
          const pair = sequenceItems(item);
          const nameNode = pair ? pair[0] : null;
          const fnNode = pair ? (pair[1] ?? null) : item;
          let name = nameNode ? resolveName(nameNode) : null;
          if (!name && fnNode) {
            const d = dottedName(code, fnNode);
            name = d ? lastSegment(d) : null;
          }
          if (!name) continue;
          const id = ensureNode(b, name, item, true);
          const fn = functionOf(fnNode);
          const node = g.get(id);
          if (fn && node) {
            node.definition = fn.definition;
            b.nodeFns.set(name, fn);
          }
          if (prev) g.addEdge(prev, id, "flow", {}, true);
          prev = id;
        }
        return { kind: "builder", b };
      }
      case "set_entry_point": {
        const x = getArg(args, 0, "key");
        const name = x ? resolveName(x) : null;
        if (name) g.addEdge(ensureNode(b, START, call, false), ensureNode(b, name, call, false), "flow");
        return { kind: "builder", b };
      }
      case "set_finish_point": {
        const x = getArg(args, 0, "key");
        const name = x ? resolveName(x) : null;
        if (name) g.addEdge(ensureNode(b, name, call, false), ensureNode(b, END, call, false), "flow");
        return { kind: "builder", b };
      }
      case "compile":
        return { kind: "compiled", b };
      default:
        return { kind: "builder", b };
    }
  };

  const newBuilder = (call: SyntaxNode, name: string): Builder => {
    const groupId = g.uniqueId(`langgraph:${name}`);
    g.addNode(groupId, { label: name, kind: "group", source: ctx.span(call) });
    const b: Builder = {
      groupId,
      nodes: new Map(),
      declared: new Set(),
      firstRef: new Map(),
      nodeFns: new Map(),
      deferred: [],
    };
    builders.push(b);
    return b;
  };

  const evalExpr = (node: SyntaxNode, enclosing: string | null, assignName: string | null, depth = 0): LgValue => {
    if (depth > 100) return null;
    const n = unparen(node);
    if (n.name === "VariableName") return vars.get(ctx.text(n)) ?? null;
    const call = callParts(n);
    if (!call) return null;
    if (isBuilderClass(call.callee)) return { kind: "builder", b: newBuilder(n, enclosing ?? assignName ?? "graph") };
    const m = memberParts(code, call.callee);
    if (!m) return null;
    const obj = evalExpr(m.object, enclosing, assignName, depth + 1);
    if (obj?.kind === "builder") return builderMethod(obj.b, m.property, n, argList(code, call.args));
    return null;
  };

  const walk = (container: SyntaxNode | null, enclosing: string | null, depth: number): void => {
    if (!container || depth > 50) return;
    for (const stmt of statements(container)) {
      switch (stmt.name) {
        case "AssignStatement": {
          const { targets, values } = assignParts(stmt);
          const value = values.length === 1 ? values[0] : undefined;
          if (!value) break;
          const firstTarget = targets[0]?.[0];
          const assignName = firstTarget?.name === "VariableName" ? ctx.text(firstTarget) : null;
          const v = evalExpr(value, enclosing, assignName);
          for (const group of targets) {
            for (const t of group) {
              if (t.name !== "VariableName") continue;
              if (v) vars.set(ctx.text(t), v);
              else vars.delete(ctx.text(t));
            }
          }
          break;
        }
        case "ExpressionStatement":
        case "ReturnStatement":
          for (let c = stmt.firstChild; c; c = c.nextSibling) evalExpr(c, enclosing, null);
          break;
        case "FunctionDefinition":
        case "DecoratedStatement":
        case "ClassDefinition": {
          const definition = definitionBody(stmt);
          if (definition) walk(definition.body, definition.name ? ctx.text(definition.name) : enclosing, depth + 1);
          break;
        }
        default:
          for (let c = stmt.firstChild; c; c = c.nextSibling) {
            if (c.name === "Body") walk(c, enclosing, depth + 1);
            else if (c.name === "MatchBody") {
              for (let m = c.firstChild; m; m = m.nextSibling) if (m.name === "MatchClause") walk(child(m, "Body"), enclosing, depth + 1);
            }
          }
      }
    }
  };

  walk(ctx.tree.topNode, null, 0);

  for (const b of builders) {
    // Nodes that return Command(goto=…) or are typed -> Command[Literal[…]].
    for (const [name, fn] of b.nodeFns) {
      const source = b.nodes.get(name);
      if (!source) continue;
      const typed = fn.returns && ctx.text(fn.returns).includes("Command") ? literalTargets(fn.returns) : [];
      const { gotos, sends } = bodyTargets(fn);
      for (const t of [...typed, ...gotos, ...sends]) {
        const id = ensureNode(b, t, fn.node, false);
        if (sends.includes(t)) sendMany.add(id);
        g.addEdge(source, id, "conditional", {}, true);
      }
    }
    for (const d of b.deferred) {
      const targets = [...b.nodes.entries()].filter(([n]) => n !== START).map(([, id]) => id);
      if (!b.nodes.has(END)) targets.push(ensureNode(b, END, ctx.tree.topNode, false));
      for (const t of targets) if (t !== d.source) g.addEdge(d.source, t, "conditional", { inferred: true });
    }
    for (const [name, at] of b.firstRef) {
      if (!b.declared.has(name)) ctx.warn(at, `Node "${name}" is used in an edge but never added with add_node`);
    }
  }
  for (const id of sendMany) {
    const n = g.get(id);
    if (n) n.many = true;
  }
  for (const { nodeId, sub } of subgraphs) {
    const node = g.get(nodeId);
    if (!node || node.kind === "group" || sub.groupId === node.parent) continue;
    node.kind = "group";
    for (const n of g.nodes) if (n.parent === sub.groupId) n.parent = nodeId;
    g.removeNode(sub.groupId);
  }
}
