/**
 * Tasks: operator instances (label = `task_id`, detail = the operator class) and calls of TaskFlow functions
 * (label = the function name or the decorator's `task_id`; detail = the decorator). Ids are Airflow's own task ids
 * (`group.task`, `outer.inner.task`) under the DAG's id; a TaskFlow function called again gets Airflow's `name__1`,
 * `name__2`; an operator task_id used twice is Airflow's DuplicateTaskIdFound error (a warning here).
 */
import type { SyntaxNode } from "@lezer/common";
import { union, type Dataflow, type Value } from "../../dataflow";
import { displayText } from "../../python-values";
import { lastSegment } from "../../syntax";
import type { NodeRole, SourceSpan } from "../../types";
import { connectData } from "./dependencies";
import { taskDatasets } from "./datasets";
import { factsOf } from "./facts";
import { docOf, paramsOf, type EvaluatedArg } from "./functions";
import type { AirflowState, DagScope, GroupScope, TaskFunction } from "./state";

export interface NewTask {
  label: string;
  node: SyntaxNode;
  definition: SourceSpan | null;
  role: NodeRole;
  detail: string;
  many: boolean;
  /** TaskFlow: a repeated call is a new task `name__1`; for operators a repeated task_id is an error. */
  taskflow: boolean;
  /** `dag=` given on the task. */
  dag?: DagScope | null;
  /** `task_group=` given on the task. */
  group?: GroupScope | null;
}

/** A task's id inside its group: Airflow's `TaskGroup.child_id`. */
export function childId(group: GroupScope | null, label: string): string {
  return group?.prefix ? `${group.groupId}.${label}` : label;
}

/** The start of every node id of a DAG (`airflow:<dag>:`), or of tasks outside any DAG. */
export function dagPrefix(dag: DagScope | null): string {
  return dag ? `${dag.id}:` : "airflow:";
}

function placement(state: AirflowState, t: NewTask): { dag: DagScope | null; group: GroupScope | null } {
  if (t.group) return { dag: t.group.dag, group: t.group };
  if (t.dag) return { dag: t.dag, group: t.dag === state.dag ? state.group : null };
  return { dag: state.dag, group: state.group };
}

/** Adds a task node where the code puts it; returns its id. */
export function createTask(state: AirflowState, flow: Dataflow, t: NewTask): string {
  const g = state.graph;
  const { dag, group } = placement(state, t);
  const pre = dagPrefix(dag);
  let label = t.label;
  let id = pre + childId(group, label);
  if (!t.taskflow && state.unrolled?.has(id)) {
    // The same task_id on every pass of an unrolled loop: one node standing for the repeats.
    const existing = g.get(id);
    if (existing) existing.many = true;
    state.warnOnce(`dup:${id}`, t.node, `Duplicate task_id "${label}": each pass of the loop creates it again (Airflow refuses the DAG)`);
    return id;
  }
  if (g.has(id)) {
    if (t.taskflow) {
      label = state.suffixed(label, (l) => pre + childId(group, l));
      id = pre + childId(group, label);
    } else {
      state.warnOnce(`dup:${id}`, t.node, `Duplicate task_id "${label}" (Airflow refuses the DAG)`);
      id = g.uniqueId(id);
    }
  }
  g.addNode(id, {
    label,
    kind: "step",
    source: state.ctx.span(t.node),
    definition: t.definition,
    parent: group?.id ?? dag?.id ?? null,
    many: t.many || flow.loopDepth > 0 || (group?.many ?? false),
    role: t.role,
    detail: t.detail,
  });
  for (let gr = group; gr; gr = gr.parent) gr.members.push(id);
  for (const c of state.collectors) c.push(id);
  state.version++;
  state.unrolled?.add(id);
  if (t.role === "branch") state.branchNodes.add(id);
  return id;
}

function argValue(args: readonly EvaluatedArg[], name: string): Value | undefined {
  return args.find((a) => a.name === name)?.value;
}

function setInputsOutputs(state: AirflowState, id: string, inputs: string[], outputs: string[]): void {
  const node = state.graph.get(id);
  if (!node) return;
  if (inputs.length) node.inputs = [...new Set([...(node.inputs ?? []), ...inputs])];
  if (outputs.length) node.outputs = [...new Set([...(node.outputs ?? []), ...outputs])];
}

export function operatorRole(cls: string): NodeRole {
  if (/Branch|ShortCircuit/.test(cls)) return "branch";
  if (/Sensor(?:Async)?$/.test(cls)) return "sensor";
  return "operator";
}

/** Arguments of an operator that never carry a task's result into it. */
const NOT_DATA = new Set(["dag", "task_group", "outlets", "inlets", "python_callable", "task_id"]);

/** `BashOperator(task_id="x", …)` (also `.partial(…).expand(…)`, then `many`). */
export function operatorTask(state: AirflowState, flow: Dataflow, node: SyntaxNode, opName: string, args: readonly EvaluatedArg[], many: boolean): Value {
  const cls = lastSegment(opName);
  const taskId = argValue(args, "task_id");
  const label = (taskId && displayText(taskId)) ?? cls;
  const dag = state.dagOf(factsOf(argValue(args, "dag"))?.dag);
  const tg = argValue(args, "task_group");
  const group = tg ? state.groupOf(tg) : null;
  const callable = args.find((a) => a.name === "python_callable")?.node;
  const fn = callable?.name === "VariableName" ? state.ctx.fn(state.ctx.text(callable)) : undefined;
  const id = createTask(state, flow, { label, node, definition: fn?.definition ?? null, role: operatorRole(cls), detail: cls, many, taskflow: false, dag, group });
  const doc = fn && docOf(state.ctx.code, fn);
  const created = state.graph.get(id);
  if (doc && created && !created.doc) created.doc = doc;
  for (const a of args) if (a.value.refs.length && (a.name === null || !NOT_DATA.has(a.name))) connectData(state, a.value.refs, id, node);
  const outlets = argValue(args, "outlets");
  const inlets = argValue(args, "inlets");
  if (outlets || inlets) {
    const ds = taskDatasets(state, id, outlets, inlets, node);
    setInputsOutputs(state, id, ds.inputs, ds.outputs);
  }
  return { refs: [id] };
}

/** The names of the parameters a call passes (positional by position, keywords by name). */
function passedParams(code: string, t: TaskFunction, args: readonly EvaluatedArg[]): string[] {
  const params = paramsOf(code, t.fn).filter((p) => !p.star);
  const out: string[] = [];
  let k = 0;
  for (const a of args) {
    if (a.star) continue;
    if (a.name !== null) {
      if (params.some((p) => p.name === a.name)) out.push(a.name);
    } else {
      const p = params.filter((q) => !q.keywordOnly)[k++];
      if (p) out.push(p.name);
    }
  }
  return [...new Set(out)];
}

/**
 * A call of a TaskFlow function: `extract()`, `load(x)`, `add.partial(y=1).expand(x=[…])` (many),
 * `my_task.override(task_id="x")(…)`. Its arguments' tasks are upstream of it (data edges).
 */
export function taskflowTask(
  state: AirflowState,
  flow: Dataflow,
  node: SyntaxNode,
  t: TaskFunction,
  args: readonly EvaluatedArg[],
  opts: { many: boolean; override: readonly EvaluatedArg[] | null },
): Value {
  const decoratorArg = (name: string): Value | undefined => {
    const o = opts.override && argValue(opts.override, name);
    if (o) return o;
    const a = t.decorator.args?.find((x) => x.name === name);
    return a ? flow.eval(a.value) : undefined;
  };
  const taskId = decoratorArg("task_id");
  const label = (taskId && displayText(taskId)) ?? t.fn.name;
  const id = createTask(state, flow, {
    label,
    node,
    definition: t.fn.definition,
    role: t.role,
    detail: t.detail,
    many: opts.many,
    taskflow: true,
  });
  const doc = docOf(state.ctx.code, t.fn);
  const created = state.graph.get(id);
  if (doc && created && !created.doc) created.doc = doc;
  if (t.detail === "@setup") state.setups.add(id);
  if (t.detail === "@teardown") state.teardowns.add(id);
  connectData(state, union(args.map((a) => a.value)).refs, id, node);
  const ds = taskDatasets(state, id, decoratorArg("outlets"), decoratorArg("inlets"), node);
  setInputsOutputs(state, id, [...ds.inputs, ...passedParams(state.ctx.code, t, args)], ds.outputs);
  return { refs: [id] };
}
