/**
 * Dependencies between tasks: `>>` / `<<`, `set_upstream` / `set_downstream`, `chain`, `chain_linear`,
 * `cross_downstream`, `Label("…")` on the next edge, and data edges from a task's result (XComArg) to the task that
 * takes it. A TaskGroup on either side stands for its tasks, as in Airflow: `group >> x` draws an edge from every
 * leaf of the group (a task with no downstream inside it) and `x >> group` one to every root (no upstream inside),
 * as the group is when the line runs. Only task-level edges are drawn; the view merges them when a group is collapsed.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Value } from "../../dataflow";
import type { EdgeKind } from "../../types";
import { factsOf, withFacts } from "./facts";
import type { AirflowState, GroupScope } from "./state";

/** Draws one dependency and records it for the roots and leaves of groups. */
export function addDependency(state: AirflowState, from: string, to: string, kind: EdgeKind, label?: string, at?: SyntaxNode): void {
  if (from === to) return;
  if (state.edgesLeft <= 0) {
    if (at) state.warnOnce("edges", at, "More dependencies than the visualizer draws; the rest are left out");
    return;
  }
  const before = state.graph.edges.length;
  state.graph.addEdge(from, to, kind, label ? { label } : {});
  if (state.graph.edges.length === before) return;
  state.edgesLeft--;
  state.version++;
  let down = state.downstream.get(from);
  if (!down) state.downstream.set(from, (down = new Set()));
  down.add(to);
  let up = state.upstream.get(to);
  if (!up) state.upstream.set(to, (up = new Set()));
  up.add(from);
}

function edgesWithin(members: readonly string[], links: Map<string, Set<string>>): Set<string> {
  const inside = new Set(members);
  const linked = new Set<string>();
  for (const m of members) {
    const others = links.get(m);
    if (!others) continue;
    for (const o of others) {
      if (inside.has(o)) {
        linked.add(m);
        break;
      }
    }
  }
  return linked;
}

function cacheOf(state: AirflowState, group: GroupScope): NonNullable<GroupScope["cache"]> {
  if (group.cache?.version !== state.version) group.cache = { version: state.version };
  return group.cache;
}

/** Tasks of the group with no upstream inside it (as the group is now). */
export function rootsOf(state: AirflowState, group: GroupScope): string[] {
  const cache = cacheOf(state, group);
  if (!cache.roots) {
    const hasUp = edgesWithin(group.members, state.upstream);
    cache.roots = group.members.filter((m) => !hasUp.has(m));
  }
  return cache.roots;
}

/**
 * Tasks of the group with no downstream inside it (as the group is now). A teardown task is not a leaf: the leaves
 * are then the first tasks upstream of it that are neither teardowns nor setups, as Airflow's `get_leaves` does.
 */
export function leavesOf(state: AirflowState, group: GroupScope): string[] {
  const cache = cacheOf(state, group);
  if (!cache.leaves) {
    const hasDown = edgesWithin(group.members, state.downstream);
    const inside = new Set(group.members);
    const out: string[] = [];
    const seen = new Set<string>();
    const hasWorkDownstream = (task: string, exclude: string): boolean => {
      for (const d of state.downstream.get(task) ?? []) if (d !== exclude && inside.has(d) && !state.teardowns.has(d)) return true;
      return false;
    };
    const beforeTeardown = (teardown: string): void => {
      if (seen.has(teardown)) return;
      seen.add(teardown);
      for (const u of state.upstream.get(teardown) ?? []) {
        if (!inside.has(u)) continue;
        if (state.teardowns.has(u)) beforeTeardown(u);
        else if (state.setups.has(u)) continue;
        else if (!hasWorkDownstream(u, teardown)) out.push(u);
      }
    };
    for (const m of group.members) {
      if (hasDown.has(m)) continue;
      if (state.teardowns.has(m)) beforeTeardown(m);
      else out.push(m);
    }
    cache.leaves = [...new Set(out)];
  }
  return cache.leaves;
}

/** The tasks a value stands for on one side of a dependency: groups become their leaves (upstream) or roots. */
function tasksOf(state: AirflowState, refs: readonly string[], side: "up" | "down"): readonly string[] {
  if (refs.length === 1 && !state.groups.has(refs[0] ?? "") && !state.dags.has(refs[0] ?? "")) return refs;
  const out: string[] = [];
  for (const r of refs) {
    const group = state.groups.get(r);
    if (group) out.push(...(side === "up" ? leavesOf(state, group) : rootsOf(state, group)));
    else if (!state.dags.has(r)) out.push(r);
  }
  return out.length > 1 ? [...new Set(out)] : out;
}

/** A literal list or tuple of tasks (Python cannot put `>>` between two of them). */
function isList(v: Value): boolean {
  return v.items !== undefined && !v.entries;
}

/**
 * `up >> down`. Returns what the expression evaluates to in Python: `down`, or for `x >> Label("…")` the label
 * carrying x as its upstream.
 */
export function link(state: AirflowState, up: Value, down: Value, at: SyntaxNode): Value {
  const upFacts = factsOf(up);
  const downFacts = factsOf(down);
  if (downFacts?.label !== undefined && down.refs.length === 0) {
    const from = upFacts?.label !== undefined ? (upFacts.labelFrom ?? []) : up.refs;
    return withFacts({ label: downFacts.label, labelFrom: from });
  }
  if (isList(up) && isList(down) && upFacts?.label === undefined) {
    state.warnOnce(`list>>list:${at.from}`, at, "Airflow cannot set dependencies between two lists (Python raises a TypeError); use cross_downstream() or chain()");
    return down;
  }
  const label = upFacts?.label;
  const fromRefs = label !== undefined ? (upFacts?.labelFrom ?? []) : up.refs;
  const from = tasksOf(state, fromRefs, "up");
  if (from.length) {
    const to = tasksOf(state, down.refs, "down");
    for (const f of from) for (const t of to) addDependency(state, f, t, "flow", label, at);
  }
  return down;
}

/** Data edges from the tasks whose results reach `target` (XComArgs passed as arguments). */
export function connectData(state: AirflowState, refs: readonly string[], target: string, at: SyntaxNode): void {
  for (const r of refs) {
    if (state.groups.has(r) || state.dags.has(r)) continue;
    addDependency(state, r, target, "data", undefined, at);
  }
}

/** The elements of `chain(…)` and friends: `*tasks` spreads a list's items (or its tasks, one by one). */
export function spreadArgs(args: ReadonlyArray<{ star: 0 | 1 | 2; name: string | null; value: Value }>): Value[] {
  const out: Value[] = [];
  for (const a of args) {
    if (a.name !== null || a.star === 2) continue;
    if (a.star === 1) {
      if (a.value.items) out.push(...a.value.items);
      else out.push(...a.value.refs.map((r) => ({ refs: [r] })));
    } else out.push(a.value);
  }
  return out;
}

/**
 * `chain(a, b, [c, d], [e, f])`: each element downstream of the one before; two lists of equal length are joined
 * pairwise (c → e, d → f), as Airflow does; lists of different lengths are an error in Airflow and draw nothing.
 */
export function chain(state: AirflowState, elements: readonly Value[], at: SyntaxNode): void {
  for (let i = 0; i + 1 < elements.length; i++) {
    const a = elements[i];
    const b = elements[i + 1];
    if (!a || !b) continue;
    if (isList(a) && isList(b)) {
      const ai = a.items ?? [];
      const bi = b.items ?? [];
      if (ai.length !== bi.length) {
        state.warnOnce(`chain:${at.from}`, at, `chain() of lists of different lengths (${ai.length} and ${bi.length}): Airflow raises an error`);
        continue;
      }
      ai.forEach((x, k) => {
        const y = bi[k];
        if (y) link(state, x, y, at);
      });
    } else link(state, { refs: a.refs, ext: a.ext }, { refs: b.refs, ext: b.ext }, at);
  }
}

/** `chain_linear(a, [b, c], [d, e])`: every task of each element upstream of every task of the next. */
export function chainLinear(state: AirflowState, elements: readonly Value[], at: SyntaxNode): void {
  for (let i = 0; i + 1 < elements.length; i++) {
    const a = elements[i];
    const b = elements[i + 1];
    if (a && b) link(state, { refs: a.refs }, { refs: b.refs }, at);
  }
}

/** `cross_downstream(from_tasks, to_tasks)`: every task of the first list upstream of every task of the second. */
export function crossDownstream(state: AirflowState, from: Value | undefined, to: Value | undefined, at: SyntaxNode): void {
  if (from && to) link(state, { refs: from.refs }, { refs: to.refs }, at);
}
