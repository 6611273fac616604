/**
 * Prefect (`@flow` / `@task`) and Dagster (`@job` / `@graph` with `@op`): each flow or job is a group;
 * every call of a task inside its body is a step; values connect the steps (the shared dataflow walk).
 * `.submit()` is a call of the task, `.map()` (and a call inside a loop) is one node marked many,
 * `wait_for=[…]` gives flow edges. Dagster's `@asset` graph is read from parameters and `deps=[…]`.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import { Dataflow, type Value } from "../dataflow";
import type { FunctionInfo } from "../module-index";
import {
  argList,
  callParts,
  dictEntries,
  getArg,
  memberParts,
  sequenceItems,
  stringValue,
  type DecoratorInfo,
} from "../syntax";

export interface TaskflowSpec {
  dialect: "prefect" | "dagster";
  /** Decorators whose function is a flow/job: its body is read as the graph. */
  container: readonly string[];
  /** Decorators whose function is a step when called inside a container. */
  step: readonly string[];
}

export const PREFECT: TaskflowSpec = { dialect: "prefect", container: ["flow"], step: ["task"] };
export const DAGSTER: TaskflowSpec = { dialect: "dagster", container: ["job", "graph"], step: ["op"] };

/** `task`, `prefect.task`, `task(...)` all match "task". */
export function decoratorIs(dec: DecoratorInfo, names: readonly string[]): boolean {
  const last = dec.name.slice(dec.name.lastIndexOf(".") + 1);
  return names.includes(last);
}

interface StepCall {
  fn: FunctionInfo;
  label: string;
  many: boolean;
  /** ArgLists whose values flow into the step. */
  argLists: SyntaxNode[];
  /** Extra upstream values (Dagster `items.map(op)`: the items). */
  upstream: SyntaxNode[];
}

const CALL_METHODS = new Set(["submit", "__call__", "fn", "delay"]);
const MAP_METHODS = new Set(["map", "expand"]);
const RENAME_METHODS = new Set(["with_options", "alias", "configured", "tag"]);

function resolveStepCall(ctx: Ctx, node: SyntaxNode, steps: Map<string, FunctionInfo>): StepCall | null {
  const parts = callParts(node);
  if (!parts) return null;
  const { callee, args } = parts;
  const own = args ? [args] : [];
  if (callee.name === "VariableName") {
    const fn = steps.get(ctx.text(callee));
    return fn ? { fn, label: fn.name, many: false, argLists: own, upstream: [] } : null;
  }
  if (callee.name === "MemberExpression") {
    const m = memberParts(ctx.code, callee);
    if (!m) return null;
    if (m.object.name === "VariableName") {
      const fn = steps.get(ctx.text(m.object));
      if (fn && (CALL_METHODS.has(m.property) || MAP_METHODS.has(m.property))) {
        return { fn, label: fn.name, many: MAP_METHODS.has(m.property), argLists: own, upstream: [] };
      }
    }
    // Dagster dynamic outputs: `items.map(op)` runs op once per item.
    if (m.property === "map" && args) {
      const first = getArg(argList(ctx.code, args), 0);
      const fn = first?.name === "VariableName" ? steps.get(ctx.text(first)) : undefined;
      if (fn) return { fn, label: fn.name, many: true, argLists: [], upstream: [m.object] };
    }
    return null;
  }
  if (callee.name === "CallExpression") {
    // `task.with_options(name="x")(…)`, `op.alias("x")(…)`
    const inner = callParts(callee);
    const m = inner && memberParts(ctx.code, inner.callee);
    if (!inner || !m || !RENAME_METHODS.has(m.property) || m.object.name !== "VariableName") return null;
    const fn = steps.get(ctx.text(m.object));
    if (!fn) return null;
    const innerArgs = argList(ctx.code, inner.args);
    const renamed = getArg(innerArgs, m.property === "alias" ? 0 : -1, "name");
    const label = (renamed && stringValue(ctx.code, renamed)) ?? fn.name;
    return { fn, label, many: false, argLists: own, upstream: [] };
  }
  return null;
}

export function extractTaskflow(ctx: Ctx, spec: TaskflowSpec): void {
  const steps = new Map<string, FunctionInfo>();
  const containers: FunctionInfo[] = [];
  for (const f of ctx.index.allFunctions) {
    if (f.decorators.some((d) => decoratorIs(d, spec.container))) {
      containers.push(f);
      steps.set(f.name, f); // a subflow / nested graph called in a flow is a step too
    } else if (f.decorators.some((d) => decoratorIs(d, spec.step))) steps.set(f.name, f);
  }

  for (const c of containers) {
    const groupName = c.name;
    const groupId = ctx.graph.uniqueId(`${spec.dialect}:${groupName}`);
    ctx.graph.addNode(groupId, {
      label: groupName,
      kind: "group",
      source: ctx.span(c.declaration),
      definition: c.definition,
    });
    const flow = new Dataflow(ctx, {
      call(node, fl) {
        const call = resolveStepCall(ctx, node, steps);
        if (!call || call.fn === c) return undefined;
        const inputs: Array<{ value: Value; waitFor: boolean }> = [];
        for (const list of call.argLists) {
          for (const { arg, value } of fl.evalArgs(list)) inputs.push({ value, waitFor: arg.name === "wait_for" });
        }
        for (const u of call.upstream) inputs.push({ value: fl.eval(u), waitFor: false });
        const id = fl.addStep(`${groupId}:${call.label}`, call.label, node, call.fn.definition, call.many);
        for (const i of inputs) fl.connect(i.value.refs, id, i.waitFor ? "flow" : "data");
        return { refs: [id] };
      },
    });
    flow.parent = groupId;
    flow.execBody(c.body);
  }

  if (spec.dialect === "dagster") extractAssets(ctx);
}

/**
 * Dagster software-defined assets: a node per `@asset`; an edge from each asset named by a parameter
 * (or mapped by `ins={"p": AssetIn("key")}`) and from each entry of `deps=[…]`. Assets with a
 * `group_name` are drawn inside a group of that name.
 */
function extractAssets(ctx: Ctx): void {
  const assets: Array<{ fn: FunctionInfo; dec: DecoratorInfo; key: string }> = [];
  for (const f of ctx.index.allFunctions) {
    const dec = f.decorators.find((d) => decoratorIs(d, ["asset"]));
    if (!dec) continue;
    const nameArg = dec.args ? (getArg(dec.args, -1, "name") ?? getArg(dec.args, -1, "key")) : null;
    const key = (nameArg && stringValue(ctx.code, nameArg)) ?? f.name;
    assets.push({ fn: f, dec, key });
  }
  if (!assets.length) return;
  const idOf = new Map<string, string>();
  const byFunction = new Map<string, string>();
  for (const a of assets) {
    const groupArg = a.dec.args ? getArg(a.dec.args, -1, "group_name") : null;
    const group = groupArg ? stringValue(ctx.code, groupArg) : null;
    let parent: string | null = null;
    if (group) {
      parent = `dagster:group:${group}`;
      ctx.graph.addNode(parent, { label: group, kind: "group", source: null });
    }
    const id = ctx.graph.uniqueId(`dagster:asset:${a.key}`);
    ctx.graph.addNode(id, { label: a.key, kind: "step", source: ctx.span(a.fn.declaration), definition: a.fn.definition, parent });
    idOf.set(a.key, id);
    byFunction.set(a.fn.name, id);
  }
  const keyOf = (node: SyntaxNode): string | null => {
    const s = stringValue(ctx.code, node);
    if (s !== null) return s;
    if (node.name === "VariableName") {
      const fnId = byFunction.get(ctx.text(node));
      if (fnId) return ctx.graph.get(fnId)?.label ?? null;
      return ctx.text(node);
    }
    const call = callParts(node);
    if (call) {
      // AssetKey("x"), AssetKey(["prefix", "x"]), AssetIn("x"), AssetIn(key="x")
      const first = getArg(argList(ctx.code, call.args), 0, "key");
      if (!first) return null;
      const items = sequenceItems(first);
      const lastItem = items?.[items.length - 1];
      return lastItem ? stringValue(ctx.code, lastItem) : keyOf(first);
    }
    return null;
  };
  for (const a of assets) {
    const target = idOf.get(a.key);
    if (!target) continue;
    const ins = new Map<string, string>();
    const insArg = a.dec.args ? getArg(a.dec.args, -1, "ins") : null;
    for (const e of (insArg && dictEntries(insArg)) ?? []) {
      const p = stringValue(ctx.code, e.key);
      const k = keyOf(e.value);
      if (p && k) ins.set(p, k);
    }
    for (const p of a.fn.params) {
      const key = ins.get(p) ?? p;
      const source = idOf.get(key);
      if (source) ctx.graph.addEdge(source, target, "data");
    }
    const depsArg = a.dec.args ? getArg(a.dec.args, -1, "deps") : null;
    for (const d of (depsArg && sequenceItems(depsArg)) ?? []) {
      const k = keyOf(d);
      const source = k ? idOf.get(k) : undefined;
      if (source) ctx.graph.addEdge(source, target, "flow");
    }
  }
}
