/**
 * LangGraph: what the script says about node names and routing targets — node names held in strings or module
 * constants (`RETRIEVE = "retrieve"`, `Nodes.RETRIEVE`), `START`/`END`, the callable behind a node, the targets
 * in a router's `Literal[…]` annotation and the `Send(…)`/`Command(goto=…)` calls in a function's body.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import type { FunctionInfo } from "../module-index";
import { argList, callParts, dottedName, getArg, lastSegment, sequenceItems, stringValue, unparen } from "../syntax";

export const START = "__start__";
export const END = "__end__";

/** A node name: a string, a module constant holding one, `START` or `END`; null when the script does not say. */
export function resolveName(ctx: Ctx, node: SyntaxNode): string | null {
  const n = unparen(node);
  const s = stringValue(ctx.code, n);
  if (s !== null) return s;
  const dotted = dottedName(ctx.code, n);
  if (!dotted) return null;
  const constant = ctx.index.constants.get(dotted) ?? ctx.index.constants.get(dotted.replace(/\.value$/, ""));
  if (constant) {
    const v = stringValue(ctx.code, constant);
    if (v !== null) return v;
  }
  const last = lastSegment(dotted);
  if (last === "START") return START;
  if (last === "END") return END;
  return null;
}

/** The script function a node runs: `fn`, `module.fn`, or the function wrapped by `RunnableLambda(fn)`/`partial(fn, …)`. */
export function functionOf(ctx: Ctx, node: SyntaxNode | null, depth = 0): FunctionInfo | undefined {
  if (!node || depth > 10) return undefined;
  const n = unparen(node);
  if (n.name === "VariableName") return ctx.fn(ctx.text(n));
  if (n.name === "MemberExpression") {
    const d = dottedName(ctx.code, n);
    return d ? ctx.fn(lastSegment(d)) : undefined;
  }
  const call = callParts(n);
  if (call) {
    const first = getArg(argList(ctx.code, call.args), 0);
    return first ? functionOf(ctx, first, depth + 1) : undefined;
  }
  return undefined;
}

/** The name of the callable behind a node, for its details: a function's name, or the last part of a dotted name. */
export function callableName(ctx: Ctx, node: SyntaxNode | null): string | undefined {
  if (!node) return undefined;
  const n = unparen(node);
  const d = dottedName(ctx.code, n);
  if (d) return lastSegment(d);
  const call = callParts(n);
  if (!call) return undefined;
  // A wrapper of a named callable (`RunnableLambda(fn)`, `partial(fn, …)`) is that callable; a factory call
  // (`build_graph()`, `make_agent("x")`) is the factory.
  const first = getArg(argList(ctx.code, call.args), 0);
  const inner = first ? dottedName(ctx.code, unparen(first)) : null;
  if (inner) return lastSegment(inner);
  const callee = dottedName(ctx.code, call.callee);
  return callee ? lastSegment(callee) : undefined;
}

/** The callee of a call, as its last dotted segment (`langgraph.prebuilt.ToolNode(…)` → `ToolNode`). */
export function calleeName(ctx: Ctx, node: SyntaxNode): string | null {
  const call = callParts(unparen(node));
  const name = call ? dottedName(ctx.code, call.callee) : null;
  return name ? lastSegment(name) : null;
}

/** Names inside every `Literal[…]` of a type annotation. */
export function literalTargets(ctx: Ctx, annotation: SyntaxNode | null): string[] {
  const out: string[] = [];
  if (!annotation) return out;
  const cursor = annotation.cursor();
  const end = annotation.to;
  do {
    if (cursor.from >= end) break;
    if (cursor.name === "MemberExpression") {
      const obj = cursor.node.firstChild;
      const objName = obj ? dottedName(ctx.code, obj) : null;
      if (objName && lastSegment(objName) === "Literal") {
        for (let c = obj?.nextSibling ?? null; c; c = c.nextSibling) {
          const name = c.name === "[" || c.name === "]" || c.name === "," ? null : resolveName(ctx, c);
          if (name) out.push(name);
        }
      }
    }
  } while (cursor.next() && cursor.from < end);
  return out;
}

export interface BodyTargets {
  /** `Send("node", …)` targets: the node runs once per Send. */
  sends: string[];
  /** `Command(goto=…)` targets in the node's own graph. */
  gotos: string[];
  /** `Command(goto=…, graph=Command.PARENT)` targets: nodes of the graph this graph is a node of. */
  parentGotos: string[];
}

/** Whether the script mentions `Send` or `Command` at all (most do not: their bodies need no scan). */
const routesInBodies = new WeakMap<Ctx, boolean>();

/** `Send(…)` and `Command(goto=…)` targets anywhere in a function body (or a lambda). */
export function bodyTargets(ctx: Ctx, body: SyntaxNode | null): BodyTargets {
  const out: BodyTargets = { sends: [], gotos: [], parentGotos: [] };
  let mentioned = routesInBodies.get(ctx);
  if (mentioned === undefined) {
    mentioned = ctx.code.includes("Send") || ctx.code.includes("Command");
    routesInBodies.set(ctx, mentioned);
  }
  if (!body || !mentioned) return out;
  const cursor = body.cursor();
  const end = body.to;
  do {
    if (cursor.from >= end) break;
    if (cursor.name !== "CallExpression") continue;
    const call = callParts(cursor.node);
    const name = call ? dottedName(ctx.code, call.callee) : null;
    const last = name ? lastSegment(name) : null;
    if (!call || (last !== "Send" && last !== "Command")) continue;
    const args = argList(ctx.code, call.args);
    if (last === "Send") {
      const first = getArg(args, 0, "node");
      const target = first ? resolveName(ctx, first) : null;
      if (target) out.sends.push(target);
      continue;
    }
    const goto = getArg(args, -1, "goto");
    if (!goto) continue;
    const graphArg = getArg(args, -1, "graph");
    const toParent = graphArg !== null && /(?:^|\.)PARENT$/.test(dottedName(ctx.code, graphArg) ?? "");
    for (const item of sequenceItems(goto) ?? [goto]) {
      const t = resolveName(ctx, item);
      if (t) (toParent ? out.parentGotos : out.gotos).push(t);
    }
  } while (cursor.next() && cursor.from < end);
  return out;
}
