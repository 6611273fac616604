/**
 * LangGraph's functional API (https://langchain-ai.github.io/langgraph/concepts/functional_api/): every
 * `@entrypoint` function is a group (role `entrypoint`); each call of a `@task` function in its body is a node
 * (role `task`), connected to the tasks whose results reach its arguments (data edges, through `.result()` and
 * `await` alike). A task called in a loop or a comprehension runs many times: one node marked many.
 */
import type { Ctx } from "../context";
import { Dataflow } from "../dataflow";
import type { FunctionInfo } from "../module-index";
import { callParts, lastSegment, type DecoratorInfo } from "../syntax";

const isDecorator = (d: DecoratorInfo, name: string): boolean => lastSegment(d.name) === name;

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
    const flow = new Dataflow(ctx, {
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
