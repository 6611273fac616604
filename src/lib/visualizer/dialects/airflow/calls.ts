/**
 * What a call means to Airflow: a TaskFlow task, a `@task_group` or helper function run with its arguments, an
 * operator, a dependency (`chain`, `set_downstream`…), a DAG, a TaskGroup, a Dataset, a `Label`. Mapped calls
 * (`.expand`, `.expand_kwargs`, `.partial(…).expand(…)`) are one task marked many.
 */
import type { SyntaxNode } from "@lezer/common";
import { EMPTY, union, type Dataflow, type Value } from "../../dataflow";
import { argList, callParts, dottedName, lastSegment, memberParts } from "../../syntax";
import { DATASET_CLASSES, DATASET_SCHEDULES, datasetValue, scheduleValue } from "./datasets";
import { chain, chainLinear, crossDownstream, link, spreadArgs } from "./dependencies";
import { factsOf, withFacts } from "./facts";
import { callHelper, evalArgs, type EvaluatedArg } from "./functions";
import { callGroupFunction, dagCall, taskGroupCall } from "./scopes";
import type { AirflowState } from "./state";
import { operatorTask, taskflowTask } from "./tasks";

function isOperatorName(name: string): boolean {
  return /(?:Operator|Sensor)(?:Async)?$/.test(lastSegment(name));
}

/** `f.partial(…)`, `f.override(…)` peeled off a callee, with their arguments. */
interface Peeled {
  base: SyntaxNode;
  partials: SyntaxNode[];
  override: SyntaxNode | null;
}

function peel(code: string, node: SyntaxNode): Peeled {
  let base = node;
  const partials: SyntaxNode[] = [];
  let override: SyntaxNode | null = null;
  for (let i = 0; i < 5; i++) {
    const call = callParts(base);
    const m = call && memberParts(code, call.callee);
    if (!call || !m || (m.property !== "partial" && m.property !== "override")) break;
    if (call.args) {
      if (m.property === "partial") partials.push(call.args);
      else override = call.args;
    }
    base = m.object;
  }
  return { base, partials, override };
}

/** A TaskFlow function, a `@task_group` function or an operator class, called as `callee(args)`. */
function callTarget(
  state: AirflowState,
  flow: Dataflow,
  node: SyntaxNode,
  p: Peeled,
  args: EvaluatedArg[],
  many: boolean,
): Value | undefined {
  const override = p.override ? evalArgs(flow, p.override) : null;
  if (p.base.name === "VariableName") {
    const name = state.ctx.text(p.base);
    const t = state.resolve(state.taskFns, name);
    if (t) return taskflowTask(state, flow, node, t, args, { many, override });
    const gf = state.resolve(state.groupFns, name);
    if (gf) return callGroupFunction(state, flow, node, gf, args, { many, override });
  }
  const opName = dottedName(state.ctx.code, p.base);
  if (opName && (isOperatorName(opName) || args.some((a) => a.name === "task_id"))) return operatorTask(state, flow, node, opName, args, many);
  return undefined;
}

export function airflowCall(state: AirflowState, node: SyntaxNode, flow: Dataflow): Value | undefined {
  const parts = callParts(node);
  if (!parts) return undefined;
  const { callee, args } = parts;
  const code = state.ctx.code;

  if (callee.name === "VariableName") {
    const name = state.ctx.text(callee);
    if (state.resolve(state.taskFns, name) || state.resolve(state.groupFns, name)) {
      return callTarget(state, flow, node, { base: callee, partials: [], override: null }, evalArgs(flow, args), false);
    }
    if (state.resolve(state.dagFns, name)) return EMPTY;
    const helper = state.resolve(state.helperFns, name);
    if (helper && !flow.env.has(name)) {
      const evaluated = evalArgs(flow, args);
      return callHelper(state, flow, helper.fn, evaluated) ?? union(evaluated.map((a) => a.value));
    }
  }

  if (callee.name === "CallExpression") {
    // `my_task.override(task_id="x")(…)`
    const p = peel(code, callee);
    if (p.override && p.base.name === "VariableName") {
      const claimed = callTarget(state, flow, node, p, evalArgs(flow, args), false);
      if (claimed) return claimed;
    }
  }

  const m = memberParts(code, callee);
  if (m) {
    switch (m.property) {
      case "expand":
      case "expand_kwargs": {
        const p = peel(code, m.object);
        // expand_kwargs(list_of_dicts) passes each dict as keyword arguments: like `**kwargs`, it names no parameter.
        const mapped = evalArgs(flow, args).map((a): EvaluatedArg => (m.property === "expand_kwargs" && a.name === null ? { ...a, star: 2 } : a));
        const all = [...p.partials.flatMap((list) => evalArgs(flow, list)), ...mapped];
        // Not a task: the arguments are evaluated already, so the call is worth them and what it is called on.
        return callTarget(state, flow, node, p, all, true) ?? union([flow.eval(p.base), ...all.map((a) => a.value)]);
      }
      case "set_downstream":
      case "set_upstream": {
        const self = flow.eval(m.object);
        const evaluated = evalArgs(flow, args);
        const other = union(evaluated.filter((a) => a.name === null).map((a) => a.value));
        const modifier = factsOf(evaluated.find((a) => a.name === "edge_modifier")?.value)?.label;
        const up = m.property === "set_downstream" ? self : other;
        const down = m.property === "set_downstream" ? other : self;
        link(state, modifier !== undefined ? withFacts({ label: modifier, labelFrom: up.refs }) : up, down, node);
        return EMPTY;
      }
      case "as_teardown": {
        // `teardown.as_teardown(setups=setup)`: the setup runs before its teardown.
        const self = flow.eval(m.object);
        const setups = evalArgs(flow, args).find((a) => a.name === "setups")?.value;
        for (const r of self.refs) state.teardowns.add(r);
        if (setups) {
          for (const r of setups.refs) state.setups.add(r);
          link(state, setups, self, node);
        }
        return self;
      }
      case "as_setup": {
        const self = flow.eval(m.object);
        for (const r of self.refs) state.setups.add(r);
        return self;
      }
      default:
        break;
    }
  }

  const name = dottedName(code, callee);
  if (!name) return undefined;
  const last = lastSegment(name);
  switch (last) {
    case "chain":
      chain(state, spreadArgs(evalArgs(flow, args)), node);
      return EMPTY;
    case "chain_linear":
      chainLinear(state, spreadArgs(evalArgs(flow, args)), node);
      return EMPTY;
    case "cross_downstream": {
      const evaluated = evalArgs(flow, args);
      const pick = (i: number, n: string) => evaluated.find((a) => a.name === n)?.value ?? evaluated.filter((a) => a.name === null)[i]?.value;
      crossDownstream(state, pick(0, "from_tasks"), pick(1, "to_tasks"), node);
      return EMPTY;
    }
    case "Label": {
      const text = evalArgs(flow, args)[0]?.value;
      return withFacts({ label: text?.str ?? text?.text ?? "" });
    }
    case "DAG":
      return dagCall(state, node, evalArgs(flow, args));
    case "TaskGroup":
      return taskGroupCall(state, flow, node, evalArgs(flow, args));
    default:
      break;
  }
  if (DATASET_CLASSES.has(last)) return datasetValue(last, evalArgs(flow, args)) ?? EMPTY;
  if (DATASET_SCHEDULES.has(last)) return scheduleValue(evalArgs(flow, args)) ?? EMPTY;
  if (isOperatorName(name) || argList(code, args).some((a) => a.name === "task_id")) {
    return operatorTask(state, flow, node, name, evalArgs(flow, args), false);
  }
  return undefined;
}
