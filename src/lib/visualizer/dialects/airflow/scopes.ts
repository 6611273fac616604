/**
 * DAGs and TaskGroups, the frames tasks are drawn in. A DAG comes from `with DAG(…)`, `dag = DAG(…)` (tasks join it
 * with `dag=dag` or `with dag:`) and `@dag` functions. A TaskGroup from `with TaskGroup(…) as tg:`, from
 * `tg = TaskGroup(…)` (tasks join it with `task_group=tg`, or `with tg:`), and from calling a `@task_group`
 * function (again: `group__1`, as Airflow names it). Group ids are Airflow's (`outer.inner`), unless
 * `prefix_group_id=False`.
 */
import type { SyntaxNode } from "@lezer/common";
import { EMPTY, union, type Dataflow, type Value } from "../../dataflow";
import { displayText } from "../../python-values";
import { child, isPunctuation } from "../../syntax";
import type { SourceSpan } from "../../types";
import { scheduleDatasets } from "./datasets";
import { addDependency } from "./dependencies";
import { factsOf, withFacts } from "./facts";
import { docOf, returnedValue, runFunction, type EvaluatedArg } from "./functions";
import type { AirflowState, DagFunction, DagScope, GroupFunction, GroupScope } from "./state";
import { dagPrefix } from "./tasks";

function arg(args: readonly EvaluatedArg[], index: number, name: string): Value | undefined {
  const byName = args.find((a) => a.name === name);
  if (byName) return byName.value;
  return index < 0 ? undefined : args.filter((a) => a.name === null && !a.star)[index]?.value;
}

/** Adds a DAG's group node. */
export function openDag(state: AirflowState, name: string, node: SyntaxNode, definition: SourceSpan | null): DagScope {
  const id = state.graph.uniqueId(`airflow:${name}`);
  state.graph.addNode(id, { label: name, kind: "group", role: "dag", source: state.ctx.span(node), definition });
  const scope = { id, name };
  state.dags.set(id, scope);
  return scope;
}

/** `DAG("id", schedule=…)`: a DAG object. */
export function dagCall(state: AirflowState, node: SyntaxNode, args: readonly EvaluatedArg[]): Value {
  const idValue = arg(args, 0, "dag_id");
  const dag = openDag(state, (idValue && displayText(idValue)) ?? "dag", node, null);
  scheduleDatasets(state, dag.id, arg(args, -1, "schedule") ?? arg(args, -1, "schedule_on") ?? arg(args, -1, "schedule_interval"), node);
  return withFacts({ dag: dag.id });
}

interface GroupOptions {
  node: SyntaxNode;
  dag: DagScope | null;
  parent: GroupScope | null;
  prefix: boolean;
  definition: SourceSpan | null;
  /** `@task_group` called again: Airflow's `group__1`, `group__2`. */
  suffixOnCollision: boolean;
  many: boolean;
}

/** Adds a TaskGroup's group node. */
export function openGroup(state: AirflowState, label: string, o: GroupOptions): GroupScope {
  const g = state.graph;
  const pre = dagPrefix(o.dag);
  const full = (l: string) => (o.parent?.prefix ? `${o.parent.groupId}.${l}` : l);
  let groupId = full(label);
  if (g.has(pre + groupId) && o.suffixOnCollision) {
    label = state.suffixed(label, (l) => pre + full(l));
    groupId = full(label);
  } else if (g.has(pre + groupId)) {
    state.warnOnce(`dupgroup:${pre}${groupId}`, o.node, `Duplicate group_id "${groupId}" (Airflow refuses the DAG)`);
  }
  const id = g.uniqueId(pre + groupId);
  g.addNode(id, {
    label,
    kind: "group",
    role: "task_group",
    source: state.ctx.span(o.node),
    definition: o.definition,
    parent: o.parent?.id ?? o.dag?.id ?? null,
    many: o.many || o.parent?.many,
  });
  const group: GroupScope = { id, dag: o.dag, groupId, prefix: o.prefix, parent: o.parent, members: [], many: o.many || (o.parent?.many ?? false) };
  state.groups.set(id, group);
  return group;
}

/** `TaskGroup("id", dag=…, parent_group=…, prefix_group_id=…)`: a group, in the current DAG and group by default. */
export function taskGroupCall(state: AirflowState, flow: Dataflow, node: SyntaxNode, args: readonly EvaluatedArg[]): Value {
  const idValue = arg(args, 0, "group_id");
  const parentValue = arg(args, -1, "parent_group");
  const parent = parentValue ? state.groupOf(parentValue) : null;
  const explicitDag = state.dagOf(factsOf(arg(args, -1, "dag"))?.dag);
  const dag = parent?.dag ?? explicitDag ?? state.dag;
  const inContext = dag === state.dag;
  const group = openGroup(state, (idValue && displayText(idValue)) ?? "task_group", {
    node,
    dag,
    parent: parent ?? (inContext ? state.group : null),
    prefix: arg(args, -1, "prefix_group_id")?.bool ?? true,
    definition: null,
    suffixOnCollision: false,
    many: flow.loopDepth > 0,
  });
  return { refs: [group.id] };
}

/** Runs `body` with new tasks going into `dag` / `group`. */
export function within(state: AirflowState, dag: DagScope | null, group: GroupScope | null, body: () => void): void {
  const saved = { dag: state.dag, group: state.group };
  state.dag = dag;
  state.group = group;
  try {
    body();
  } finally {
    state.dag = saved.dag;
    state.group = saved.group;
  }
}

/** `with DAG(…) as dag:`, `with TaskGroup(…) as tg:`, `with dag:`, `with tg:` (and any other `with`). */
export function withStatement(state: AirflowState, stmt: SyntaxNode, flow: Dataflow): void {
  let dag = state.dag;
  let group = state.group;
  let last: Value = EMPTY;
  const contexts: Value[] = [];
  let expectAs = false;
  for (let c = stmt.firstChild; c && c.name !== "Body"; c = c.nextSibling) {
    if (c.name === "as") {
      expectAs = true;
      continue;
    }
    if (expectAs) {
      flow.bind(c, last);
      expectAs = false;
      continue;
    }
    if (c.name === "with" || c.name === "async" || isPunctuation(c)) continue;
    // An item is read inside the DAG or group the items before it opened (`with DAG(…), TaskGroup(…):`).
    const item = c;
    within(state, dag, group, () => {
      last = flow.eval(item);
    });
    const d = state.dagOf(factsOf(last)?.dag);
    const tg = state.groupOf(last);
    if (d) {
      dag = d;
      group = null;
    } else if (tg) {
      dag = tg.dag;
      group = tg;
    } else if (last.refs.some((r) => state.setups.has(r) || state.teardowns.has(r))) contexts.push(last);
  }
  const body = (): void => within(state, dag, group, () => flow.execBody(child(stmt, "Body")));
  if (contexts.length) setupTeardownContext(state, union(contexts), body, stmt);
  else body();
}

/**
 * `with setup >> teardown:` (or `with teardown:`, `with setup:`): the tasks the body creates run after the setups
 * and before the teardowns — the roots of the work get the setups upstream, its leaves the teardowns downstream.
 */
function setupTeardownContext(state: AirflowState, context: Value, body: () => void, at: SyntaxNode): void {
  const setups = new Set<string>();
  const teardowns = new Set<string>();
  for (const r of context.refs) {
    if (state.setups.has(r)) {
      setups.add(r);
      for (const d of state.downstream.get(r) ?? []) if (state.teardowns.has(d)) teardowns.add(d);
    }
    if (state.teardowns.has(r)) {
      teardowns.add(r);
      for (const u of state.upstream.get(r) ?? []) if (state.setups.has(u)) setups.add(u);
    }
  }
  const created: string[] = [];
  state.collectors.push(created);
  try {
    body();
  } finally {
    state.collectors.pop();
  }
  const work = created.filter((t) => !state.setups.has(t) && !state.teardowns.has(t));
  if (!work.length) return;
  const roots = work.filter((t) => !state.upstream.get(t)?.size);
  const leaves = work.filter((t) => !state.downstream.get(t)?.size);
  const first = roots.length ? roots : work.slice(0, 1);
  const last = leaves.length ? leaves : work.slice(-1);
  for (const s of setups) for (const t of first) addDependency(state, s, t, "flow", undefined, at);
  for (const t of last) for (const d of teardowns) addDependency(state, t, d, "flow", undefined, at);
}

function decoratorArg(flow: Dataflow, f: { decorator: { args: ReadonlyArray<{ name: string | null; value: SyntaxNode; star: 0 | 1 | 2 }> | null } }, name: string, index = -1): Value | undefined {
  const args = f.decorator.args;
  if (!args) return undefined;
  const a = args.find((x) => x.name === name) ?? (index >= 0 ? args.filter((x) => x.name === null && !x.star)[index] : undefined);
  return a ? flow.eval(a.value) : undefined;
}

/**
 * A call of a `@task_group` function: a group holding what its body creates, the arguments bound to its
 * parameters. Like Airflow, the call is worth what the function returns (so `start >> my_group(x) >> end` wires to
 * the returned task) or, when it returns nothing, the group itself (its roots and leaves).
 */
export function callGroupFunction(
  state: AirflowState,
  flow: Dataflow,
  node: SyntaxNode,
  gf: GroupFunction,
  args: readonly EvaluatedArg[],
  opts: { many: boolean; override: readonly EvaluatedArg[] | null },
): Value {
  const overridden = opts.override?.find((a) => a.name === "group_id")?.value;
  const idValue = overridden ?? decoratorArg(flow, gf, "group_id", 0);
  const prefixValue = opts.override?.find((a) => a.name === "prefix_group_id")?.value ?? decoratorArg(flow, gf, "prefix_group_id");
  const group = openGroup(state, (idValue && displayText(idValue)) ?? gf.fn.name, {
    node,
    dag: state.dag,
    parent: state.group,
    prefix: prefixValue?.bool ?? true,
    definition: gf.fn.definition,
    suffixOnCollision: true,
    many: opts.many || flow.loopDepth > 0,
  });
  const doc = docOf(state.ctx.code, gf.fn);
  const node0 = state.graph.get(group.id);
  if (doc && node0) node0.doc = doc;
  let returned: Value = EMPTY;
  within(state, state.dag, group, () => {
    const run = runFunction(state, flow, gf.fn, args);
    if (run) returned = returnedValue(run.flow);
  });
  return returned.refs.length ? returned : { refs: [group.id] };
}

/** A `@dag` function at the module's top level: its body is read as the DAG, where it is defined. */
export function runDagFunction(state: AirflowState, df: DagFunction, stmt: SyntaxNode): void {
  const top = state.top;
  const idValue = decoratorArg(top, df, "dag_id", 0);
  const dag = openDag(state, (idValue && displayText(idValue)) ?? df.fn.name, stmt, df.fn.definition);
  const doc = docOf(state.ctx.code, df.fn);
  const node = state.graph.get(dag.id);
  if (doc && node) node.doc = doc;
  scheduleDatasets(state, dag.id, decoratorArg(top, df, "schedule") ?? decoratorArg(top, df, "schedule_on") ?? decoratorArg(top, df, "schedule_interval"), stmt);
  within(state, dag, null, () => {
    runFunction(state, top, df.fn, [], true);
  });
}
