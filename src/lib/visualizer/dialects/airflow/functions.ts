/**
 * The script's functions by what Airflow makes of them (`@task`, `@task_group`, `@dag`, plain helpers), and the
 * evaluation of a plain helper called while the DAG is built — an operator factory
 * (`def make_bash(name): return BashOperator(task_id=name, …)`) or any function that creates and wires tasks — with
 * its arguments bound, bounded in depth and count, never recursively.
 */
import type { SyntaxNode } from "@lezer/common";
import { EMPTY, union, type Dataflow, type Value } from "../../dataflow";
import type { FunctionInfo } from "../../module-index";
import { listValue } from "../../python-values";
import { child, isPunctuation, statements, stringValue } from "../../syntax";
import type { NodeRole } from "../../types";
import { MAX_CALL_DEPTH, functionsByName, type AirflowFlow, type AirflowState } from "./state";

/** An argument of a call, evaluated. */
export interface EvaluatedArg {
  name: string | null;
  star: 0 | 1 | 2;
  value: Value;
  /** Its expression. */
  node?: SyntaxNode;
}

/** Evaluates the arguments of an ArgList. */
export function evalArgs(flow: Dataflow, list: SyntaxNode | null): EvaluatedArg[] {
  return flow.evalArgs(list).map(({ arg, value }) => ({ name: arg.name, star: arg.star, value, node: arg.value }));
}

/** `task`, `task.bash`, `airflow.decorators.task.virtualenv` → the part from `task` on; also `setup`/`teardown`. */
function taskDecorator(name: string): string | null {
  const parts = name.split(".");
  const i = parts.findIndex((p) => p === "task" || p === "setup" || p === "teardown");
  if (i < 0) return null;
  if ((parts[i] === "setup" || parts[i] === "teardown") && i !== parts.length - 1) return null;
  return parts.slice(i).join(".");
}

function taskRole(decorator: string): NodeRole {
  if (/^task\.(?:branch|short_circuit)/.test(decorator)) return "branch";
  if (decorator === "task.sensor") return "sensor";
  return "task";
}

/** Files every function of the script under its role. Methods of classes are left out. */
export function catalogueFunctions(state: AirflowState): void {
  const { index } = state.ctx;
  const names = new Set(index.allFunctions.map((f) => f.name));
  for (const f of index.allFunctions) {
    let claimed = false;
    for (const d of f.decorators) {
      const last = d.name.slice(d.name.lastIndexOf(".") + 1);
      if (last === "dag") {
        functionsByName(state.dagFns, f.name, { fn: f, decorator: d });
        claimed = true;
      } else if (last === "task_group") {
        functionsByName(state.groupFns, f.name, { fn: f, decorator: d });
        claimed = true;
      } else {
        const t = taskDecorator(d.name);
        if (t) {
          functionsByName(state.taskFns, f.name, { fn: f, decorator: d, detail: `@${t}`, role: taskRole(t) });
          claimed = true;
        }
      }
      if (claimed) break;
    }
    const inClass = f.enclosing !== null && !names.has(f.enclosing);
    if (!claimed && !inClass) functionsByName(state.helperFns, f.name, { fn: f });
  }
}

export interface Param {
  name: string;
  star: 0 | 1 | 2;
  default: SyntaxNode | null;
  keywordOnly: boolean;
}

/** The parameters of a `def`, with their defaults. */
export function paramsOf(code: string, fn: FunctionInfo): Param[] {
  const list = child(fn.node, "ParamList");
  const out: Param[] = [];
  if (!list) return out;
  let star: 0 | 1 | 2 = 0;
  let keywordOnly = false;
  let afterAssign = false;
  for (let c = list.firstChild; c; c = c.nextSibling) {
    if (c.name === "*") {
      star = 1;
      keywordOnly = true;
    } else if (c.name === "**") star = 2;
    else if (c.name === ",") {
      star = 0;
      afterAssign = false;
    } else if (c.name === "AssignOp") afterAssign = true;
    else if (c.name === "VariableName" && !afterAssign) {
      out.push({ name: code.slice(c.from, c.to), star, default: null, keywordOnly: keywordOnly && star === 0 });
    } else if (afterAssign && !isPunctuation(c) && c.name !== "TypeDef") {
      const last = out[out.length - 1];
      if (last && !last.default) last.default = c;
    }
  }
  return out;
}

/**
 * Binds a call's arguments to a function's parameters in `flow` (positional, keyword, `*args`, `**kwargs`,
 * defaults). Returns the names of the parameters the call passed.
 */
export function bindParams(flow: Dataflow, fn: FunctionInfo, args: readonly EvaluatedArg[]): string[] {
  const params = paramsOf(flow.code, fn);
  const positional: Value[] = [];
  let positionalKnown = true;
  for (const a of args) {
    if (a.name !== null || a.star === 2) continue;
    if (a.star === 1) {
      if (a.value.items) positional.push(...a.value.items);
      else positionalKnown = false;
    } else positional.push(a.value);
  }
  const keywords = new Map<string, Value>();
  for (const a of args) if (a.name !== null && !a.star) keywords.set(a.name, a.value);
  const passed: string[] = [];
  let k = 0;
  for (const p of params) {
    let v: Value | undefined;
    if (p.star === 1) {
      v = positionalKnown ? listValue(positional.slice(k)) : union(positional.slice(k));
      k = positional.length;
    } else if (p.star === 2) {
      const rest = [...keywords].filter(([n]) => !params.some((q) => q.name === n && !q.star));
      v = union(rest.map(([, x]) => x));
    } else if (keywords.has(p.name)) {
      v = keywords.get(p.name);
      passed.push(p.name);
    } else if (!p.keywordOnly && k < positional.length) {
      v = positional[k++];
      passed.push(p.name);
    } else if (!p.keywordOnly && !positionalKnown) {
      v = union(args.filter((a) => a.star === 1).map((a) => a.value));
    } else if (p.default) v = flow.eval(p.default);
    flow.env.set(p.name, v ?? EMPTY);
  }
  return passed;
}

/** The first line of a function's docstring, for the details panel. */
export function docOf(code: string, fn: FunctionInfo): string | undefined {
  const first = statements(fn.body)[0];
  const expr = first?.name === "ExpressionStatement" ? first.firstChild : null;
  const text = expr ? stringValue(code, expr) : null;
  const line = text?.split("\n").find((l) => l.trim())?.trim();
  return line ? line.slice(0, 200) : undefined;
}

/** What a function body returned: its one `return` value, else the union of all of them. */
export function returnedValue(flow: Dataflow): Value {
  if (flow.results.length === 1 && flow.results[0]) return flow.results[0];
  return union(flow.results);
}

/**
 * Runs `fn`'s body as a call with `args`. Returns undefined when the call may not be evaluated (recursion, too deep,
 * budget spent): the caller then treats it as an opaque call.
 */
export function runFunction(
  state: AirflowState,
  caller: Dataflow,
  fn: FunctionInfo,
  args: readonly EvaluatedArg[],
  /** A `@dag` function's body is the script's own code: it runs whatever the budgets say. */
  always = false,
): { flow: AirflowFlow; passed: string[] } | undefined {
  if (state.calling.includes(fn)) return undefined;
  if (!always && (state.calling.length >= MAX_CALL_DEPTH || state.callsLeft <= 0 || state.workLeft <= 0)) return undefined;
  state.callsLeft--;
  const flow = state.flowFor(fn, caller);
  flow.loopDepth = caller.loopDepth;
  const passed = bindParams(flow, fn, args);
  state.calling.push(fn);
  try {
    flow.execBody(fn.body);
  } finally {
    state.calling.pop();
  }
  return { flow, passed };
}

/** A call of a plain function of the script: its body runs with the arguments bound; its return value is the call's. */
export function callHelper(state: AirflowState, caller: Dataflow, fn: FunctionInfo, args: readonly EvaluatedArg[]): Value | undefined {
  const run = runFunction(state, caller, fn, args);
  return run ? returnedValue(run.flow) : undefined;
}
