/**
 * A plain script read as a pipeline. The entry point is the `if __name__ == "__main__":` block, else
 * a top-level function named `main`, else the module's top level; while the entry point calls exactly
 * one function of the script, that function's body is read instead (up to a few levels).
 *
 * Steps are calls to functions defined at the top level of the script (builtins and library calls
 * are not steps); an edge (kind data) runs from the step that assigned a variable to every later step
 * that reads it. `for`, `while`, `if`/`elif`/`else`, `with` and `match` blocks that contain steps
 * become groups labelled with their header.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import { Dataflow, type BlockInfo } from "../dataflow";
import type { FunctionInfo } from "../module-index";
import { shortText, statements } from "../syntax";

const MAX_DESCENT = 4;

/** Distinct top-level script functions called (anywhere) inside `nodes`. */
function calledFunctions(ctx: Ctx, nodes: readonly SyntaxNode[]): Set<string> {
  const found = new Set<string>();
  for (const n of nodes) {
    if (n.name === "FunctionDefinition" || n.name === "DecoratedStatement" || n.name === "ClassDefinition") continue;
    const cursor = n.cursor();
    const end = n.to;
    do {
      if (cursor.from >= end) break;
      if (cursor.name === "CallExpression") {
        const callee = cursor.node.firstChild;
        if (callee?.name === "VariableName") {
          const name = ctx.text(callee);
          if (ctx.fn(name)?.topLevel) found.add(name);
        }
      }
    } while (cursor.next() && cursor.from < end);
  }
  return found;
}

function entryStatements(ctx: Ctx): SyntaxNode[] {
  const idx = ctx.index;
  let body: SyntaxNode[];
  const main = idx.functions.get("main");
  if (idx.mainBlock) body = statements(idx.mainBlock);
  else if (main?.topLevel && main.body) body = statements(main.body);
  else body = idx.topStatements;
  const seen = new Set<FunctionInfo>();
  for (let i = 0; i < MAX_DESCENT; i++) {
    const called = calledFunctions(ctx, body);
    if (called.size !== 1) break;
    const [only] = called;
    const fn = only ? ctx.fn(only) : undefined;
    if (!fn?.body || seen.has(fn)) break;
    // Descend only when the function itself calls steps; otherwise it is the one step.
    const inner = statements(fn.body);
    if (calledFunctions(ctx, inner).size === 0) break;
    seen.add(fn);
    body = inner;
  }
  return body;
}

export function extractGeneric(ctx: Ctx): void {
  interface Pending {
    info: BlockInfo;
    id: string | null;
  }
  const pending: Pending[] = [];

  const materializeGroups = (flow: Dataflow): void => {
    for (const p of pending) {
      if (p.id) continue;
      const label = shortText(p.info.header, 60);
      const id = ctx.graph.uniqueId(`generic:group:${label}`);
      const to = p.info.body ? p.info.body.to : p.info.node.to;
      ctx.graph.addNode(id, {
        label,
        kind: "group",
        source: ctx.lines.span(p.info.node.from, to),
        parent: flow.parent,
      });
      p.id = id;
      flow.parent = id;
    }
  };

  const flow = new Dataflow(ctx, {
    call(node, fl) {
      const callee = node.firstChild;
      if (callee?.name !== "VariableName") return undefined;
      const name = ctx.text(callee);
      const fn = ctx.fn(name);
      if (!fn?.topLevel) return undefined;
      const args = node.lastChild?.name === "ArgList" ? node.lastChild : null;
      const inputs = fl.evalArgs(args);
      materializeGroups(fl);
      const id = fl.addStep(`generic:${name}`, name, node, fn.definition);
      for (const { value } of inputs) fl.connect(value.refs, id, "data");
      return { refs: [id] };
    },
    enterBlock(info) {
      pending.push({ info, id: null });
    },
    leaveBlock(_info, fl) {
      pending.pop();
      let parent: string | null = null;
      for (const p of pending) if (p.id) parent = p.id;
      fl.parent = parent;
    },
  });
  // Steps inside loops are drawn inside the loop's group, not marked many.
  flow.execStatements(entryStatements(ctx));
  for (const n of ctx.graph.nodes) if (n.kind === "step") delete n.many;
}
