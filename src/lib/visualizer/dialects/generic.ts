/**
 * A plain script read as a pipeline. The entry point is the `if __name__ == "__main__":` block, else a top-level
 * function named `main`, else the module's top level; while the entry point calls exactly one step and that step is
 * a function of the script that calls steps itself, its body is read instead (up to a few levels).
 *
 * Steps (role `function`) are calls of functions defined at the top level of the script and of names imported from
 * the project's own modules (`get_data(SRC)` after `from tasks.extract import get_data`, `etl.load(df)` after
 * `import etl`); builtins, the standard library and well-known libraries are not steps (imported-steps.ts,
 * docs/decisions/025-plain-python-steps.md). An edge (kind data) runs from the step that assigned a variable to every
 * later step that reads it. Step functions passed rather than called are steps too: `df.pipe(clean).pipe(enrich)`
 * (pandas `DataFrame.pipe`), `map(parse, lines)`, `functools.reduce(lambda acc, f: f(acc), [a, b, c], data)` and
 * `for step in [a, b, c]: data = step(data)` (a chain a → b → c; the loop is unrolled, not drawn as a group).
 * `for`, `while`, `if`/`elif`/`else`, `with` and `match` blocks that contain steps become groups (role `block`)
 * labelled with their header.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import { Dataflow, union, type BlockInfo, type Value } from "../dataflow";
import type { FunctionInfo } from "../module-index";
import { argList, assignParts, callParts, dottedName, getArg, memberParts, sequenceItems, shortText, statements, unparen } from "../syntax";
import { importedStep } from "./imported-steps";
import { describe, paramsOf } from "./step-nodes";

const MAX_DESCENT = 4;
/** The longest literal list of steps a `for` loop or `reduce` is unrolled over. */
const MAX_UNROLL = 64;
/** Methods that apply a function passed to them to the object (pandas, polars, Spark, sequences). */
const APPLYING_METHODS = new Set(["pipe", "apply", "applymap", "map", "transform", "agg", "aggregate", "map_elements"]);
/** Builtins that apply their first argument to the items of the second. */
const APPLYING_BUILTINS = new Set(["map", "filter"]);

/** A function that is a step, as a call or a reference names it. */
interface StepRef {
  label: string;
  fn: FunctionInfo | null;
  /** The qualified name of an imported step. */
  qualified?: string;
}

class GenericReader {
  /** Loop variables bound to a step while a `for step in [a, b, c]` loop is unrolled. */
  private readonly bound = new Map<string, StepRef>();
  /** `steps = [a, b, c]` in the entry point: lists of steps by variable. */
  private readonly lists = new Map<string, SyntaxNode>();
  private readonly pending: Array<{ info: BlockInfo; id: string | null }> = [];
  readonly flow: Dataflow;

  constructor(readonly ctx: Ctx) {
    this.flow = new Dataflow(ctx, {
      call: (node, fl) => this.onCall(node, fl),
      statement: (stmt, fl) => this.onStatement(stmt, fl),
      enterBlock: (info) => {
        this.pending.push({ info, id: null });
      },
      leaveBlock: (_info, fl) => {
        this.pending.pop();
        let parent: string | null = null;
        for (const p of this.pending) if (p.id) parent = p.id;
        fl.parent = parent;
      },
    });
  }

  /** The step a callee or a function reference names, if it is one. */
  ref(node: SyntaxNode): StepRef | null {
    const n = unparen(node);
    if (n.name === "VariableName") {
      const name = this.ctx.text(n);
      const bound = this.bound.get(name);
      if (bound) return bound;
      const fn = this.ctx.fn(name);
      if (fn?.topLevel) return { label: name, fn };
    }
    if (n.name !== "VariableName" && n.name !== "MemberExpression") return null;
    const imported = importedStep(this.ctx, n, (name) => this.flow.env.has(name));
    return imported ? { label: imported.label, fn: null, qualified: imported.qualified } : null;
  }

  /** The steps of a literal list, a module constant or an entry-point variable holding one; null if any is not. */
  private stepList(node: SyntaxNode): StepRef[] | null {
    const n = unparen(node);
    let items = sequenceItems(n);
    if (!items && n.name === "VariableName") {
      const name = this.ctx.text(n);
      const held = this.lists.get(name) ?? this.ctx.index.constants.get(name);
      items = held ? sequenceItems(held) : null;
    }
    if (!items?.length || items.length > MAX_UNROLL) return null;
    const refs = items.map((i) => this.ref(i));
    return refs.every((r): r is StepRef => r !== null) ? refs : null;
  }

  /** Notes `name = [a, b, c]` (a list of steps) among the statements about to be read. */
  noteLists(stmts: readonly SyntaxNode[]): void {
    for (const s of stmts) {
      const cursor = s.cursor();
      const end = s.to;
      do {
        if (cursor.name !== "AssignStatement") continue;
        const { targets, values } = assignParts(cursor.node);
        const t = targets.length === 1 && targets[0]?.length === 1 ? targets[0][0] : undefined;
        const v = values.length === 1 ? values[0] : undefined;
        if (t?.name === "VariableName" && v && sequenceItems(v) && this.stepList(v)) this.lists.set(this.ctx.text(t), v);
      } while (cursor.next() && cursor.from < end);
    }
  }

  /** Adds the node of one step call, reading `inputs`. */
  private step(ref: StepRef, node: SyntaxNode, inputs: readonly Value[], fl: Dataflow): Value {
    this.materializeGroups(fl);
    const id = fl.addStep(`generic:${ref.label}`, ref.label, node, ref.fn?.definition ?? null);
    for (const v of inputs) fl.connect(v.refs, id, "data");
    const params = ref.fn ? paramsOf(this.ctx, ref.fn).filter((p) => !p.star && p.name !== "self" && p.name !== "cls") : [];
    describe(this.ctx, id, {
      role: "function",
      detail: ref.qualified ?? ref.fn?.name,
      inputs: params.map((p) => p.name),
    });
    return { refs: [id] };
  }

  private onCall(node: SyntaxNode, fl: Dataflow): Value | undefined {
    const parts = callParts(node);
    if (!parts) return undefined;
    const { callee, args } = parts;
    const called = this.ref(callee);
    if (called) return this.step(called, node, fl.evalArgs(args).map((a) => a.value), fl);

    const list = argList(this.ctx.code, args);
    const first = getArg(list, 0);
    const m = memberParts(this.ctx.code, callee);
    // `df.pipe(clean, arg)`, `df.pipe(lambda d: clean(d))`: the object flows into the function passed.
    if (m && first && APPLYING_METHODS.has(m.property)) {
      const passed = this.ref(first);
      const lambda = unparen(first).name === "LambdaExpression" ? unparen(first) : null;
      if (passed || lambda) {
        const receiver = fl.eval(m.object);
        const rest = list.filter((a) => a.value !== first).map((a) => fl.eval(a.value));
        if (passed) return this.step(passed, node, [receiver, ...rest], fl);
        if (lambda) return union([fl.applyLambda(lambda, [receiver]), ...rest]);
      }
    }
    const name = callee.name === "VariableName" ? this.ctx.text(callee) : dottedName(this.ctx.code, callee);
    // `map(parse, lines)`, `filter(is_valid, rows)`.
    if (name && APPLYING_BUILTINS.has(name) && !this.ctx.fn(name) && first) {
      const passed = this.ref(first);
      if (passed) return this.step(passed, node, list.filter((a) => a.value !== first).map((a) => fl.eval(a.value)), fl);
    }
    // `reduce(lambda acc, f: f(acc), [a, b, c], data)`: a chain through the listed steps.
    if (name && this.isReduce(name) && first) {
      const seq = getArg(list, 1);
      const steps = seq ? this.stepList(seq) : null;
      if (steps) {
        const init = getArg(list, 2);
        let acc = init ? fl.eval(init) : { refs: [] };
        for (const s of steps) acc = this.step(s, node, [acc], fl);
        return acc;
      }
    }
    return undefined;
  }

  private isReduce(name: string): boolean {
    if (name === "functools.reduce") return this.ctx.index.importedAs.get("functools") === "functools";
    return name === "reduce" && this.ctx.index.importedAs.get("reduce") === "functools.reduce";
  }

  /** `for step in [a, b, c]: data = step(data)`: the body once per step, in order. */
  private onStatement(stmt: SyntaxNode, fl: Dataflow): boolean {
    if (stmt.name !== "ForStatement") return false;
    const { targets, iter, body, elseBody } = fl.forParts(stmt);
    const target = targets.length === 1 ? targets[0] : undefined;
    const steps = iter.length === 1 && iter[0] ? this.stepList(iter[0]) : null;
    if (target?.name !== "VariableName" || !steps) return false;
    const name = this.ctx.text(target);
    const before = this.bound.get(name);
    for (const s of steps) {
      this.bound.set(name, s);
      fl.execBody(body);
    }
    if (before) this.bound.set(name, before);
    else this.bound.delete(name);
    fl.execBody(elseBody);
    return true;
  }

  private materializeGroups(fl: Dataflow): void {
    for (const p of this.pending) {
      if (p.id) continue;
      const label = shortText(p.info.header, 60);
      const id = this.ctx.graph.uniqueId(`generic:group:${label}`);
      const to = p.info.body ? p.info.body.to : p.info.node.to;
      this.ctx.graph.addNode(id, {
        label,
        kind: "group",
        source: this.ctx.lines.span(p.info.node.from, to),
        parent: fl.parent,
      });
      describe(this.ctx, id, { role: "block" });
      p.id = id;
      fl.parent = id;
    }
  }

  /** Step functions called (as callees) anywhere inside `nodes`, definitions excepted. */
  calledSteps(nodes: readonly SyntaxNode[]): Map<string, StepRef> {
    const found = new Map<string, StepRef>();
    for (const n of nodes) {
      if (n.name === "FunctionDefinition" || n.name === "DecoratedStatement" || n.name === "ClassDefinition") continue;
      const cursor = n.cursor();
      const end = n.to;
      do {
        if (cursor.from >= end) break;
        if (cursor.name === "CallExpression") {
          const callee = cursor.node.firstChild;
          const ref = callee ? this.ref(callee) : null;
          if (ref) found.set(ref.label, ref);
        }
      } while (cursor.next() && cursor.from < end);
    }
    return found;
  }

  /** The statements of the entry point, followed into a single called script function. */
  entryStatements(): SyntaxNode[] {
    const idx = this.ctx.index;
    let body: SyntaxNode[];
    const main = idx.functions.get("main");
    if (idx.mainBlock) body = statements(idx.mainBlock);
    else if (main?.topLevel && main.body) body = statements(main.body);
    else body = idx.topStatements;
    const seen = new Set<FunctionInfo>();
    for (let i = 0; i < MAX_DESCENT; i++) {
      const called = this.calledSteps(body);
      if (called.size !== 1) break;
      const [only] = called.values();
      const fn = only?.fn;
      if (!fn?.body || seen.has(fn)) break;
      // Descend only when the function itself calls steps; otherwise it is the one step.
      const inner = statements(fn.body);
      if (this.calledSteps(inner).size === 0) break;
      seen.add(fn);
      body = inner;
    }
    return body;
  }
}

export function extractGeneric(ctx: Ctx): void {
  const reader = new GenericReader(ctx);
  const entry = reader.entryStatements();
  reader.noteLists(entry);
  reader.flow.execStatements(entry);
  // Steps inside loops are drawn inside the loop's group, not marked many.
  for (const n of ctx.graph.nodes) if (n.kind === "step") delete n.many;
}
