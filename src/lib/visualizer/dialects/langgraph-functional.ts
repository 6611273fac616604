/**
 * LangGraph's functional API (https://langchain-ai.github.io/langgraph/concepts/functional_api/): every
 * `@entrypoint` function is a group (role `entrypoint`); each call of a `@task` function in its body is a node
 * (role `task`), connected to the tasks whose results reach its arguments (data edges, through `.result()` and
 * `await` alike). A task called in a loop or a comprehension runs many times: one node marked many.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import { Dataflow, type Value } from "../dataflow";
import type { FunctionInfo } from "../module-index";
import { callParts, isPunctuation, lastSegment, type DecoratorInfo } from "../syntax";

const isDecorator = (d: DecoratorInfo, name: string): boolean => lastSegment(d.name) === name;

const COMPREHENSIONS = new Set(["ArrayComprehensionExpression", "ComprehensionExpression", "SetComprehensionExpression"]);

/**
 * The shared dataflow walk, with comprehensions read as loops: `[summarize(p.result()) for p in pages]` binds `p`
 * to what `pages` holds while the element is evaluated, so each element's tasks connect to the iterable's.
 */
class FunctionalFlow extends Dataflow {
  override eval(node: SyntaxNode): Value {
    if (!COMPREHENSIONS.has(node.name)) return super.eval(node);
    const parts: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) if (!isPunctuation(c)) parts.push(c);
    const forAt = parts.findIndex((p) => p.name === "for");
    const inAt = parts.findIndex((p, i) => i > forAt && p.name === "in");
    const element = parts[0];
    const iter = parts[inAt + 1];
    if (forAt !== 1 || inAt < 0 || !element || !iter) return super.eval(node);
    const targets = parts.slice(forAt + 1, inAt);
    const source = super.eval(iter);
    const names = targets.filter((t) => t.name === "VariableName").map((t) => this.code.slice(t.from, t.to));
    const saved = names.map((n) => this.env.get(n));
    for (const t of targets) this.bind(t, { refs: source.refs });
    this.loopDepth++;
    const value = this.eval(element);
    this.loopDepth--;
    names.forEach((n, i) => {
      const prev = saved[i];
      if (prev) this.env.set(n, prev);
      else this.env.delete(n);
    });
    return value;
  }
}

export function extractFunctional(ctx: Ctx): void {
  const tasks = new Map<string, FunctionInfo>();
  const entrypoints: FunctionInfo[] = [];
  for (const f of ctx.index.allFunctions) {
    if (f.decorators.some((d) => isDecorator(d, "entrypoint"))) entrypoints.push(f);
    else if (f.decorators.some((d) => isDecorator(d, "task"))) tasks.set(f.name, f);
  }
  for (const entry of entrypoints) {
    const groupId = ctx.graph.uniqueId(`langgraph:${entry.name}`);
    ctx.graph.addNode(groupId, {
      label: entry.name,
      kind: "group",
      source: ctx.span(entry.declaration),
      definition: entry.definition,
      role: "entrypoint",
      detail: entry.name,
    });
    const flow = new FunctionalFlow(ctx, {
      call(node, fl) {
        const parts = callParts(node);
        const fn = parts?.callee.name === "VariableName" ? tasks.get(ctx.text(parts.callee)) : undefined;
        if (!parts || !fn) return undefined;
        const inputs = fl.evalArgs(parts.args).map((a) => a.value);
        const id = fl.addStep(`${groupId}:${fn.name}`, fn.name, node, fn.definition);
        const step = ctx.graph.get(id);
        if (step) {
          step.role = "task";
          step.detail = fn.name;
        }
        for (const v of inputs) fl.connect(v.refs, id, "data");
        return { refs: [id] };
      },
    });
    flow.parent = groupId;
    flow.execBody(entry.body);
  }
}
