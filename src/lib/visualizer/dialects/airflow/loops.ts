/**
 * Loops and branches that build tasks. A `for` loop or a comprehension over a known sequence — a literal list,
 * tuple or dict, a module constant, `range(…)`, `enumerate`, `zip`, `dict.items()`, a list built by an earlier
 * unrolled loop — runs once per element, so `task_id=f"load_{table}"` gives `load_orders`, `load_users`…
 * (at most MAX_UNROLL elements per loop and MAX_UNROLL_TOTAL over the script). Any other loop runs its body once
 * with its tasks marked many, labelled with the id's template (`load_{table}`). An `if` whose test is known
 * (`if i > 0:` in an unrolled loop) runs only the branch Python would.
 */
import type { SyntaxNode } from "@lezer/common";
import { EMPTY, either, refsValue, union, type Dataflow, type Value } from "../../dataflow";
import { dictValue, iterate, listValue, refsOf, truth } from "../../python-values";
import { isPunctuation } from "../../syntax";
import { AirflowFlow, MAX_UNROLL, type AirflowState } from "./state";


/** Whether `count` more iterations may be unrolled; takes them from the budget if so. */
function takeUnroll(state: AirflowState, count: number): boolean {
  if (count > MAX_UNROLL || count > state.unrollLeft || state.workLeft <= 0) return false;
  state.unrollLeft -= count;
  return true;
}

function bindTargets(flow: Dataflow, targets: readonly SyntaxNode[], value: Value): void {
  if (targets.length === 1 && targets[0]) flow.bind(targets[0], value);
  else flow.bindSequence(targets, value);
}

/** Runs `body` with `state.unrolled` collecting the tasks it creates (shared with an enclosing unrolled loop). */
function unrolling(state: AirflowState, body: () => void): void {
  const saved = state.unrolled;
  state.unrolled ??= new Set();
  try {
    body();
  } finally {
    state.unrolled = saved;
  }
}

function tooLong(state: AirflowState, node: SyntaxNode, count: number): void {
  if (count <= MAX_UNROLL) return;
  const at = state.ctx.lines;
  state.graph.diagnostics.push({
    severity: "info",
    message: `This loop runs ${count} times; its tasks are drawn once, marked many (the visualizer unrolls up to ${MAX_UNROLL})`,
    line: at.line(node.from),
    column: at.column(node.from),
    from: node.from,
    to: node.from,
  });
}

/** `for target in iterable: body` (else: …). */
export function forStatement(state: AirflowState, stmt: SyntaxNode, flow: Dataflow): void {
  const { targets, iter, body, elseBody } = flow.forParts(stmt);
  const it = iter.length === 1 && iter[0] ? flow.eval(iter[0]) : union(iter.map((x) => flow.eval(x)));
  const elements = iterate(it);
  if (elements && takeUnroll(state, elements.length)) {
    unrolling(state, () => {
      for (const element of elements) {
        bindTargets(flow, targets, element);
        flow.execBody(body);
      }
    });
    flow.execBody(elseBody);
    return;
  }
  if (elements) tooLong(state, stmt, elements.length);
  // Unknown (or too long): the body once, in a loop context. A loop over a known non-empty sequence surely runs, so
  // what its body assigns replaces what the names held; any other loop may not run at all.
  const surely = (elements?.length ?? 0) > 0;
  const once = (): void => {
    flow.loopDepth++;
    bindTargets(flow, targets, refsValue(it.refs));
    flow.execBody(body);
    flow.loopDepth--;
  };
  if (surely) once();
  else eitherBranch(flow, [once], true);
  flow.execBody(elseBody);
}

interface Clause {
  kind: "for" | "if";
  targets: SyntaxNode[];
  expr: SyntaxNode | null;
}

/** The parts of a comprehension: the element (a key and a value for a dict), then its `for` and `if` clauses. */
function comprehensionParts(node: SyntaxNode): { element: SyntaxNode[]; clauses: Clause[] } | null {
  const element: SyntaxNode[] = [];
  const clauses: Clause[] = [];
  let cur: Clause | null = null;
  let phase: "element" | "targets" | "iter" | "cond" = "element";
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const n = c.name;
    if (n === "for") {
      cur = { kind: "for", targets: [], expr: null };
      clauses.push(cur);
      phase = "targets";
    } else if (n === "if" && phase !== "element") {
      cur = { kind: "if", targets: [], expr: null };
      clauses.push(cur);
      phase = "cond";
    } else if (n === "in" && phase === "targets") phase = "iter";
    else if (n === "async" || isPunctuation(c) || c.type.isError) continue;
    else if (phase === "element") element.push(c);
    else if (phase === "targets") cur?.targets.push(c);
    else if (cur && !cur.expr) cur.expr = c;
  }
  if (!clauses.length || clauses[0]?.kind !== "for" || !element.length) return null;
  return { element, clauses };
}

/** The variable names a comprehension's targets bind (restored afterwards: they are local to it). */
function targetNames(flow: Dataflow, targets: readonly SyntaxNode[], out: Set<string>): void {
  for (const t of targets) {
    if (t.name === "VariableName") out.add(flow.code.slice(t.from, t.to));
    else for (let c = t.firstChild; c; c = c.nextSibling) targetNames(flow, [c], out);
  }
}

/**
 * `[make(x) for x in known]`, `{n: Op(task_id=n) for n in NAMES}`, generator and set comprehensions: the element
 * evaluated once per known element (a list, or a dict, of known items); otherwise once, in a loop context.
 */
export function comprehension(state: AirflowState, node: SyntaxNode, flow: Dataflow): Value | undefined {
  const parts = comprehensionParts(node);
  if (!parts) return undefined;
  const { element, clauses } = parts;
  const isDict = node.name === "DictionaryComprehensionExpression";
  const names = new Set<string>();
  for (const c of clauses) if (c.kind === "for") targetNames(flow, c.targets, names);
  const saved = new Map<string, Value | undefined>();
  for (const n of names) saved.set(n, flow.env.get(n));

  const items: Value[] = [];
  const entries: Array<{ key: Value; value: Value }> = [];
  const all: Value[] = [];
  let known = true;

  const emit = (): void => {
    if (isDict) {
      const [k, v] = [element[0], element[element.length - 1]];
      const key = k ? flow.eval(k) : EMPTY;
      const value = v && v !== k ? flow.eval(v) : EMPTY;
      entries.push({ key, value });
      all.push(value);
    } else {
      const v = element[0] ? flow.eval(element[0]) : EMPTY;
      items.push(v);
      all.push(v);
    }
  };

  // Runs clause i and the ones after it for the current bindings.
  const run = (i: number): void => {
    const clause = clauses[i];
    if (!clause) {
      emit();
      return;
    }
    if (clause.kind === "if") {
      const t = clause.expr ? truth(flow.eval(clause.expr)) : undefined;
      if (t === undefined) known = false;
      if (t !== false) run(i + 1);
      return;
    }
    const it = clause.expr ? flow.eval(clause.expr) : EMPTY;
    const elements = iterate(it);
    if (elements && takeUnroll(state, elements.length)) {
      for (const e of elements) {
        bindTargets(flow, clause.targets, e);
        run(i + 1);
      }
      return;
    }
    if (elements) tooLong(state, node, elements.length);
    known = false;
    const surely = (elements?.length ?? 0) > 0;
    flow.loopDepth++;
    if (!surely) flow.condDepth++;
    bindTargets(flow, clause.targets, refsValue(it.refs));
    run(i + 1);
    if (!surely) flow.condDepth--;
    flow.loopDepth--;
  };

  try {
    unrolling(state, () => run(0));
  } finally {
    for (const [n, v] of saved) {
      if (v) flow.env.set(n, v);
      else flow.env.delete(n);
    }
  }
  if (!known) return refsValue(refsOf(all));
  return isDict ? dictValue(entries) : listValue(items);
}

/**
 * Runs code that may or may not run — each of `branches` (an `if`'s bodies; or one loop body, with `mayBeSkipped`)
 * — as if it surely did, then merges: a name a branch assigned holds either branch's value (or, where some branch did
 * not assign it or none may run, the value before). Inside each branch, assignments replace as in straight code.
 */
export function eitherBranch(flow: Dataflow, branches: ReadonlyArray<() => void>, mayBeSkipped: boolean): void {
  if (!(flow instanceof AirflowFlow)) {
    flow.condDepth++;
    for (const b of branches) b();
    flow.condDepth--;
    return;
  }
  const env = flow.env;
  const outcomes: Array<Map<string, Value | undefined>> = [];
  const before = new Map<string, Value | undefined>();
  for (const run of branches) {
    const mark = env.journal.length;
    env.open++;
    try {
      run();
    } finally {
      env.open--;
    }
    const after = env.undoTo(mark);
    for (const name of after.keys()) if (!before.has(name)) before.set(name, env.get(name));
    outcomes.push(after);
  }
  for (const [name, prior] of before) {
    let merged: Value | undefined = mayBeSkipped || outcomes.some((o) => !o.has(name)) ? prior : undefined;
    for (const o of outcomes) {
      if (!o.has(name)) continue;
      const v = o.get(name);
      if (v === undefined) continue;
      merged = merged ? either(merged, v) : v;
    }
    if (merged) env.set(name, merged);
    else env.delete(name);
  }
}

/**
 * `if`/`elif`/`else`: where every test up to a branch is known, only that branch runs (and surely runs); from the
 * first unknown test on, each remaining branch may run (and with no `else`, none may).
 */
export function ifStatement(stmt: SyntaxNode, flow: Dataflow): void {
  const maybe: Array<() => void> = [];
  let hasElse = false;
  let test: SyntaxNode | null = null;
  let keyword = "";
  for (let c = stmt.firstChild; c; c = c.nextSibling) {
    const n = c.name;
    if (n === "if" || n === "elif" || n === "else") {
      keyword = n;
      test = null;
    } else if (n === "Body") {
      const body = c;
      let t: boolean | undefined = true;
      if (keyword !== "else") t = test ? truth(flow.eval(test)) : undefined;
      if (t === false) continue;
      if (t === true && !maybe.length) {
        flow.execBody(body);
        return;
      }
      maybe.push(() => flow.execBody(body));
      if (t === true) {
        hasElse = true;
        break;
      }
    } else if (!isPunctuation(c)) test = c;
  }
  if (keyword === "else" && maybe.length) hasElse = true;
  if (maybe.length) eitherBranch(flow, maybe, !hasElse);
}
