/**
 * Airflow. Tasks are operator instances (label = `task_id`) and calls of `@task` functions (label = the
 * function name, or the decorator's `task_id`; a second call gets Airflow's own `name__1`). DAGs come
 * from `with DAG(…)`, `dag = DAG(…)` (tasks join it through `dag=dag`) and `@dag` functions; each DAG
 * and each TaskGroup (`with TaskGroup(…)`, `@task_group`) is a group node.
 *
 * Edges: `>>` / `<<` chains (lists on either side, `Label("…")` naming the next edge),
 * `set_upstream` / `set_downstream`, `chain(…)`, `chain_linear(…)`, `cross_downstream(…)`, and data
 * edges from one TaskFlow result (or `op.output`) to the task that takes it. Edges leaving a branch
 * task (`BranchPythonOperator`, `ShortCircuitOperator`, `@task.branch`, `@task.short_circuit`) are
 * conditional.
 *
 * Loops that build tasks: a `for` over a literal list (or a module constant holding one) is unrolled,
 * one node per element, so `task_id=f"load_{table}"` gives `load_orders`, `load_users`…; when the
 * task_id does not change between elements, or the loop is over anything else, the task is a single
 * node marked many (its label keeps the f-string's `{…}` text). `.expand()` / `.partial().expand()`
 * are many too.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import { Dataflow, EMPTY, union, type FlowHooks, type Value } from "../dataflow";
import type { FunctionInfo } from "../module-index";
import {
  argList,
  callParts,
  child,
  dottedName,
  getArg,
  isPunctuation,
  lastSegment,
  memberParts,
  statements,
  type Arg,
  type DecoratorInfo,
} from "../syntax";
import type { SourceSpan } from "../types";

interface TaskFn {
  fn: FunctionInfo;
  label: string;
  branch: boolean;
}

interface Scope {
  /** Group node id of the DAG. */
  id: string;
  name: string;
}

const MAX_UNROLL = 100;

function isTaskDecorator(d: DecoratorInfo): boolean {
  const n = d.name;
  return n === "task" || n.startsWith("task.") || n.endsWith(".task") || /\.task\.\w+$/.test(n);
}

function decoratorString(ctx: Ctx, d: DecoratorInfo, name: string, index = -1): string | null {
  if (!d.args) return null;
  const v = getArg(d.args, index, name);
  if (!v) return null;
  const s = ctx.text(v);
  const m = /^[rRuU]?(["'])(.*)\1$/s.exec(s);
  return m ? (m[2] ?? null) : null;
}

function isOperatorName(name: string): boolean {
  const last = lastSegment(name);
  return /(?:Operator|Sensor)$/.test(last) || last === "TaskGroup" || last === "DAG";
}

export function extractAirflow(ctx: Ctx): void {
  const g = ctx.graph;
  const taskFns = new Map<string, TaskFn>();
  const groupFns = new Map<string, { fn: FunctionInfo; label: string }>();
  const dagFns = new Map<string, { fn: FunctionInfo; label: string }>();
  for (const f of ctx.index.allFunctions) {
    for (const d of f.decorators) {
      const last = lastSegment(d.name);
      if (d.name === "dag" || d.name.endsWith(".dag")) {
        dagFns.set(f.name, { fn: f, label: decoratorString(ctx, d, "dag_id", 0) ?? f.name });
      } else if (last === "task_group") {
        groupFns.set(f.name, { fn: f, label: decoratorString(ctx, d, "group_id", 0) ?? f.name });
      } else if (isTaskDecorator(d)) {
        taskFns.set(f.name, {
          fn: f,
          label: decoratorString(ctx, d, "task_id") ?? f.name,
          branch: /branch|short_circuit/.test(d.name),
        });
      }
    }
  }

  const dagScopes = new Map<string, Scope>();
  const branchNodes = new Set<string>();
  let dag: Scope | null = null;
  /** TaskGroup path inside the current DAG (group ids), innermost last. */
  let groups: Array<{ id: string; name: string }> = [];
  /** Nodes created during the current unrolled loop: a repeat of one of them is the same task, many. */
  let unrolled: Set<string> | null = null;
  const activeGroupFns = new Set<string>();

  const prefix = (scope: Scope | null): string =>
    `airflow:${scope ? `${scope.name}:` : ""}${groups.map((x) => `${x.name}.`).join("")}`;

  const currentParent = (scope: Scope | null): string | null => groups[groups.length - 1]?.id ?? scope?.id ?? null;

  const openDag = (name: string, node: SyntaxNode): Scope => {
    const id = g.uniqueId(`airflow:${name}`);
    g.addNode(id, { label: name, kind: "group", source: ctx.span(node) });
    const scope = { id, name };
    dagScopes.set(id, scope);
    return scope;
  };

  const createTask = (
    flow: Dataflow,
    label: string,
    node: SyntaxNode,
    definition: SourceSpan | null,
    opts: { many?: boolean; taskflow?: boolean; branch?: boolean; scope?: Scope | null },
  ): string => {
    const scope = opts.scope ?? dag;
    const pre = prefix(scope);
    let id = pre + label;
    if (unrolled?.has(id)) {
      const existing = g.get(id);
      if (existing) existing.many = true;
      return id;
    }
    if (g.has(id)) {
      if (opts.taskflow) {
        let n = 1;
        while (g.has(`${pre}${label}__${n}`)) n++;
        label = `${label}__${n}`;
        id = pre + label;
      } else {
        ctx.warn(node, `Duplicate task_id "${label}"`);
        id = g.uniqueId(id);
      }
    }
    g.addNode(id, {
      label,
      kind: "step",
      source: ctx.span(node),
      definition,
      parent: currentParent(scope),
      many: opts.many || flow.loopDepth > 0,
    });
    unrolled?.add(id);
    if (opts.branch) branchNodes.add(id);
    return id;
  };

  /** Upstream → downstream, Airflow's `up >> down`. Returns what `up >> down` evaluates to. */
  const link = (up: Value, down: Value): Value => {
    if (down.label !== undefined && down.refs.length === 0) {
      return { refs: [], label: down.label, labelFrom: up.label !== undefined ? (up.labelFrom ?? []) : up.refs };
    }
    const from = up.label !== undefined ? (up.labelFrom ?? []) : up.refs;
    const label = up.label;
    for (const f of from) for (const t of down.refs) g.addEdge(f, t, "flow", label ? { label } : {});
    return down;
  };

  const chainValues = (values: Value[], linear: boolean): void => {
    for (let i = 0; i + 1 < values.length; i++) {
      const a = values[i];
      const b = values[i + 1];
      if (!a || !b) continue;
      if (!linear && a.items && b.items && a.items.length === b.items.length && a.items.length > 1) {
        a.items.forEach((item, k) => {
          const other = b.items?.[k];
          if (other) link(item, other);
        });
      } else link(a, b);
    }
  };

  const argValues = (flow: Dataflow, list: SyntaxNode | null): Array<{ arg: Arg; value: Value }> => flow.evalArgs(list);

  const connectInputs = (flow: Dataflow, inputs: Array<{ arg: Arg; value: Value }>, id: string): void => {
    for (const { arg, value } of inputs) {
      if (arg.name === "dag" || arg.name === "task_group" || value.scope) continue;
      flow.connect(value.refs, id, "data");
    }
  };

  const operatorTask = (
    flow: Dataflow,
    node: SyntaxNode,
    opName: string,
    inputs: Array<{ arg: Arg; value: Value }>,
    many: boolean,
  ): Value => {
    const taskId = inputs.find((i) => i.arg.name === "task_id")?.value.str;
    const label = taskId ?? lastSegment(opName);
    const dagArg = inputs.find((i) => i.arg.name === "dag")?.value.scope;
    const scope = dagArg ? (dagScopes.get(dagArg) ?? null) : null;
    const callable = inputs.find((i) => i.arg.name === "python_callable");
    let definition: SourceSpan | null = null;
    if (callable && callable.arg.value.name === "VariableName") definition = ctx.fn(ctx.text(callable.arg.value))?.definition ?? null;
    const id = createTask(flow, label, node, definition, {
      many,
      branch: /Branch|ShortCircuit/.test(lastSegment(opName)),
      scope,
    });
    connectInputs(flow, inputs, id);
    return { refs: [id] };
  };

  const taskflowTask = (
    flow: Dataflow,
    node: SyntaxNode,
    t: TaskFn,
    inputs: Array<{ arg: Arg; value: Value }>,
    many: boolean,
    labelOverride: string | null,
  ): Value => {
    const id = createTask(flow, labelOverride ?? t.label, node, t.fn.definition, { many, taskflow: true, branch: t.branch });
    connectInputs(flow, inputs, id);
    return { refs: [id] };
  };

  const runGroupFunction = (flow: Dataflow, node: SyntaxNode, gf: { fn: FunctionInfo; label: string }, inputs: Array<{ arg: Arg; value: Value }>): Value => {
    if (activeGroupFns.has(gf.fn.name)) return EMPTY;
    const pre = prefix(dag);
    let label = gf.label;
    if (g.has(pre + label)) {
      let n = 1;
      while (g.has(`${pre}${label}__${n}`)) n++;
      label = `${label}__${n}`;
    }
    const id = pre + label;
    g.addNode(id, { label, kind: "group", source: ctx.span(node), definition: gf.fn.definition, parent: currentParent(dag) });
    const sub = new Dataflow(ctx, hooks);
    sub.loopDepth = flow.loopDepth;
    // Parameters hold what the call passed: data flows into the group's tasks.
    const positional = inputs.filter((i) => i.arg.name === null && !i.arg.star);
    gf.fn.params.forEach((p, k) => {
      const byName = inputs.find((i) => i.arg.name === p);
      const v = byName?.value ?? positional[k]?.value;
      if (v) sub.env.set(p, v);
    });
    const saved = groups;
    groups = [...groups, { id, name: label }];
    activeGroupFns.add(gf.fn.name);
    try {
      sub.execBody(gf.fn.body);
    } finally {
      activeGroupFns.delete(gf.fn.name);
      groups = saved;
    }
    return { refs: [id], scope: id };
  };

  /** Peels `.override(…)` and `.partial(…)` off a callee, collecting their arguments. */
  const peel = (node: SyntaxNode): { base: SyntaxNode; partials: SyntaxNode[]; override: SyntaxNode | null } => {
    let base = node;
    const partials: SyntaxNode[] = [];
    let override: SyntaxNode | null = null;
    for (let i = 0; i < 5; i++) {
      const call = callParts(base);
      const m = call && memberParts(ctx.code, call.callee);
      if (!call || !m || (m.property !== "partial" && m.property !== "override")) break;
      if (call.args) {
        if (m.property === "partial") partials.push(call.args);
        else override = call.args;
      }
      base = m.object;
    }
    return { base, partials, override };
  };

  const hooks: FlowHooks = {
    call(node, flow) {
      const parts = callParts(node);
      if (!parts) return undefined;
      const { callee, args } = parts;

      if (callee.name === "VariableName") {
        const name = ctx.text(callee);
        const t = taskFns.get(name);
        if (t) return taskflowTask(flow, node, t, argValues(flow, args), false, null);
        const gf = groupFns.get(name);
        if (gf) return runGroupFunction(flow, node, gf, argValues(flow, args));
        if (dagFns.has(name)) return EMPTY;
      }

      if (callee.name === "CallExpression") {
        // `my_task.override(task_id="x")(…)`
        const { base, override } = peel(callee);
        if (override && base.name === "VariableName") {
          const t = taskFns.get(ctx.text(base));
          if (t) {
            const o = argValues(flow, override).find((i) => i.arg.name === "task_id")?.value.str ?? null;
            return taskflowTask(flow, node, t, argValues(flow, args), false, o);
          }
        }
      }

      const m = memberParts(ctx.code, callee);
      if (m) {
        if (m.property === "expand" || m.property === "expand_kwargs") {
          const { base, partials, override } = peel(m.object);
          const inputs = [...partials.flatMap((p) => argValues(flow, p)), ...argValues(flow, args)];
          if (base.name === "VariableName" && taskFns.has(ctx.text(base))) {
            const t = taskFns.get(ctx.text(base));
            const o = override ? (argValues(flow, override).find((i) => i.arg.name === "task_id")?.value.str ?? null) : null;
            if (t) return taskflowTask(flow, node, t, inputs, true, o);
          }
          const opName = dottedName(ctx.code, base);
          if (opName) return operatorTask(flow, node, opName, inputs, true);
          return undefined;
        }
        if (m.property === "set_downstream" || m.property === "set_upstream") {
          const self = flow.eval(m.object);
          const other = union(argValues(flow, args).map((a) => a.value));
          if (m.property === "set_downstream") link(self, other);
          else link(other, self);
          return EMPTY;
        }
      }

      const name = dottedName(ctx.code, callee);
      if (!name) return undefined;
      const last = lastSegment(name);
      switch (last) {
        case "chain":
        case "chain_linear":
          chainValues(
            argValues(flow, args).map((a) => a.value),
            last === "chain_linear",
          );
          return EMPTY;
        case "cross_downstream": {
          const [a, b] = argValues(flow, args).map((x) => x.value);
          if (a && b) link({ refs: a.refs }, { refs: b.refs });
          return EMPTY;
        }
        case "Label": {
          const v = argValues(flow, args)[0]?.value.str;
          return { refs: [], label: v ?? "" };
        }
        case "DAG": {
          const inputs = argValues(flow, args);
          const dagName = inputs.find((i) => i.arg.name === "dag_id" || (i.arg.name === null && !i.arg.star))?.value.str ?? "dag";
          return { refs: [], scope: openDag(dagName, node).id };
        }
        case "TaskGroup":
          return undefined;
        default:
          break;
      }
      if (isOperatorName(name) || argList(ctx.code, args).some((a) => a.name === "task_id")) {
        return operatorTask(flow, node, name, argValues(flow, args), false);
      }
      return undefined;
    },

    binary(node, op, flow) {
      if (op !== ">>" && op !== "<<") return undefined;
      const left = node.firstChild;
      const right = node.lastChild;
      if (!left || !right) return undefined;
      const l = flow.eval(left);
      const r = flow.eval(right);
      if (op === ">>") return link(l, r);
      link(r, l);
      return r;
    },

    statement(stmt, flow) {
      if (stmt.name === "WithStatement") {
        withStatement(stmt, flow);
        return true;
      }
      if (stmt.name === "ForStatement") {
        forStatement(stmt, flow);
        return true;
      }
      return false;
    },
  };

  const withStatement = (stmt: SyntaxNode, flow: Dataflow): void => {
    const body = child(stmt, "Body");
    const savedDag = dag;
    const savedGroups = groups;
    const savedParent = flow.parent;
    let last: Value = EMPTY;
    let expectAs = false;
    for (let c = stmt.firstChild; c && c.name !== "Body"; c = c.nextSibling) {
      if (c.name === "as") {
        expectAs = true;
        continue;
      }
      if (c.name === "VariableName" && expectAs) {
        flow.bind(c, last);
        expectAs = false;
        continue;
      }
      if (c.name === "with" || c.name === "async" || isPunctuation(c)) continue;
      last = withItem(c, flow);
    }
    try {
      flow.execBody(body);
    } finally {
      dag = savedDag;
      groups = savedGroups;
      flow.parent = savedParent;
    }
  };

  /** One `with` item: a DAG or TaskGroup opens a scope for the body. */
  const withItem = (item: SyntaxNode, flow: Dataflow): Value => {
    const parts = callParts(item);
    const name = parts ? dottedName(ctx.code, parts.callee) : null;
    const last = name ? lastSegment(name) : "";
    if (parts && last === "TaskGroup") {
      const inputs = argValues(flow, parts.args);
      const label = inputs.find((i) => i.arg.name === "group_id" || (i.arg.name === null && !i.arg.star))?.value.str ?? "group";
      const pre = prefix(dag);
      const id = g.uniqueId(pre + label);
      g.addNode(id, { label, kind: "group", source: ctx.span(item), parent: currentParent(dag) });
      groups = [...groups, { id, name: label }];
      return { refs: [id], scope: id };
    }
    const v = flow.eval(item);
    if (v.scope) {
      const scope = dagScopes.get(v.scope);
      if (scope) {
        dag = scope;
        groups = [];
        flow.parent = scope.id;
      }
    }
    return v;
  };

  const forStatement = (stmt: SyntaxNode, flow: Dataflow): void => {
    const { targets, iter, body, elseBody } = flow.forParts(stmt);
    const it = iter.length === 1 && iter[0] ? flow.eval(iter[0]) : union(iter.map((x) => flow.eval(x)));
    const items = it.items;
    const literal =
      items !== undefined && items.length > 0 && items.length <= MAX_UNROLL && items.every((i) => i.str !== undefined || i.items !== undefined);
    if (!literal) {
      flow.execFor(stmt, (b) => flow.execBody(b));
      return;
    }
    const saved = unrolled;
    unrolled = new Set();
    try {
      for (const item of items) {
        if (targets.length === 1 && targets[0]) flow.bind(targets[0], item);
        else flow.bindSequence(targets, item);
        flow.execBody(body);
      }
    } finally {
      unrolled = saved;
    }
    flow.execBody(elseBody);
  };

  // The module's top level, with each `@dag` function read as a DAG where it is defined.
  const top = new Dataflow(ctx, hooks);
  for (const stmt of ctx.index.topStatements) {
    if (stmt.name === "DecoratedStatement") {
      const def = child(stmt, "FunctionDefinition");
      const nameNode = def ? child(def, "VariableName") : null;
      const df = nameNode ? dagFns.get(ctx.text(nameNode)) : undefined;
      if (df) {
        const savedDag: Scope | null = dag;
        dag = openDag(df.label, stmt);
        const g0 = g.get(dag.id);
        if (g0) g0.definition = df.fn.definition;
        const inner = new Dataflow(ctx, hooks);
        inner.parent = dag.id;
        try {
          inner.execStatements(statements(df.fn.body));
        } finally {
          dag = savedDag;
          groups = [];
        }
        continue;
      }
    }
    top.exec(stmt);
  }

  for (const e of g.edges) if (branchNodes.has(e.source) && e.kind === "flow") e.kind = "conditional";
}
