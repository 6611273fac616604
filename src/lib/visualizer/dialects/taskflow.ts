/**
 * What Prefect flows and Dagster jobs/graphs share: a container function (`@flow`, `@job`, `@graph`) whose body calls
 * steps (`@task`, `@op`), connected by the values they pass (the shared dataflow walk).
 *
 * - A container is a group; every step call in its body is a node in it. A container called from another one (a
 *   Prefect subflow, a Dagster graph inside a job) is a group inside its caller's group, holding its own steps, drawn
 *   once per call; containers called from no other container are the top-level groups.
 * - Values flow into a nested container through its parameters: the upstream step connects to the steps inside that
 *   read the parameter (to the group's frame when none does); what it returns flows out of it.
 * - `.submit()` is a call; `.map()`, a call in a loop or a comprehension is one node marked many; renaming and option
 *   methods (`with_options(name=…)`, `alias("…")`, `with_hooks`, `tag`) may be chained before the call, on the step
 *   or on a variable holding it. Dagster's `items.map(op)` / `.map(lambda x: …)` run once per dynamic output.
 * - Calls of names imported from the project's own modules are steps too (see imported-steps.ts).
 * The dialect files say what differs: decorators, names, roles, special arguments.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import { Dataflow, MAX_STEPS, type Value } from "../dataflow";
import type { FunctionInfo } from "../module-index";
import {
  argList,
  assignParts,
  callParts,
  formatStringValue,
  getArg,
  memberParts,
  stringValue,
  unparen,
  type Arg,
  type DecoratorInfo,
} from "../syntax";
import type { EdgeKind, NodeRole } from "../types";
import { importedStep } from "./imported-steps";
import { describe, paramsOf, type StepFacts } from "./step-nodes";

/** `task`, `prefect.task`, `dg.op(...)` all match "task" / "op". */
export function decoratorIs(dec: DecoratorInfo, names: readonly string[]): boolean {
  const last = dec.name.slice(dec.name.lastIndexOf(".") + 1);
  return names.includes(last);
}

/** A string keyword argument of a decorator (`@task(name="x")`). */
export function decoratorString(ctx: Ctx, dec: DecoratorInfo | undefined, name: string): string | null {
  const v = dec?.args ? getArg(dec.args, -1, name) : null;
  return v ? stringValue(ctx.code, v) : null;
}

/** Something a container may call: a decorated function of the script, or an imported one. */
export interface StepDef {
  /** The name the framework gives it: the decorator's `name=`, else the function's name (or the imported name). */
  name: string;
  fn: FunctionInfo | null;
  /** The decorator that made it a step or a container. */
  decorator: DecoratorInfo | null;
  container: boolean;
  /** For an imported step: its qualified name. */
  qualified?: string;
}

export interface TaskflowSpec {
  dialect: "prefect" | "dagster";
  /** Decorators whose function is a container. */
  containers: readonly string[];
  /** Decorators whose function is a step. */
  steps: readonly string[];
  /** Roles of steps and of containers (by the decorator that made them, and when called from another container). */
  stepRole: NodeRole;
  containerRole(def: StepDef, nested: boolean): NodeRole;
  /** Dagster names a repeated call `add_one_2`, `add_one_3`; Prefect keeps the name (ids are numbered instead). */
  numberRepeats: boolean;
  /** Methods that call the step (`submit`) and that map it (`map`). */
  callMethods: ReadonlySet<string>;
  mapMethods: ReadonlySet<string>;
  /** Methods returning the step with options, and where a new name is: [positional index, keyword]. */
  renameMethods: ReadonlyMap<string, readonly [number, string]>;
  /** Keyword arguments that order rather than pass data (Prefect's `wait_for`): flow edges. */
  orderArgs: ReadonlySet<string>;
  /** Parameters that are not data inputs (Dagster's `context`), by name or annotation. */
  isInput(name: string, annotation: string): boolean;
  /** Input and output names a step's decorator declares (Dagster's `ins={…}`, `out={…}`). */
  declared?(ctx: Ctx, def: StepDef, what: "ins" | "out"): string[];
}

/** How deep containers nest, and how many nodes may exist before nested containers are drawn as single nodes. */
const MAX_NESTING = 8;
const NESTING_BUDGET = Math.floor(MAX_STEPS / 4);

/** A resolved call: which step, under which name, how often. */
interface Invocation {
  def: StepDef;
  /** A name given at the call (`alias("x")`, `with_options(name="x")`). */
  alias: string | null;
  many: boolean;
  /** The arguments passed to the step. */
  args: SyntaxNode | null;
  /** Dagster `items.map(op)`: the items, passed as the first argument. */
  upstream: SyntaxNode | null;
}

/** Where a container's body is being walked: its group, the containers around it, its local step aliases. */
interface Scope {
  groupId: string;
  stack: readonly StepDef[];
  locals: Map<string, Chain>;
  /** Dagster's per-composition call counter. */
  counts: Map<string, number>;
}

/** The step (and name given) an expression such as `t`, `t.with_options(name="x")`, `op.alias("a").tag({})` stands for. */
interface Chain {
  def: StepDef;
  alias: string | null;
}

/** The scripts' steps and containers, with module-level aliases (`fast = extract.with_options(name="fast")`). */
export class StepTable {
  readonly byName = new Map<string, Chain>();
  readonly containers: StepDef[] = [];

  constructor(
    readonly ctx: Ctx,
    readonly spec: TaskflowSpec,
  ) {
    for (const fn of ctx.index.allFunctions) {
      const cDec = fn.decorators.find((d) => decoratorIs(d, spec.containers));
      const sDec = cDec ? undefined : fn.decorators.find((d) => decoratorIs(d, spec.steps));
      const dec = cDec ?? sDec;
      if (!dec) continue;
      const def: StepDef = { name: decoratorString(ctx, dec, "name") ?? fn.name, fn, decorator: dec, container: !!cDec };
      if (cDec) this.containers.push(def);
      if (!this.byName.has(fn.name) || fn.topLevel) this.byName.set(fn.name, { def, alias: null });
    }
    // `fast_extract = extract.with_options(name="fast")` at module level.
    for (const stmt of ctx.index.topStatements) this.noteAlias(stmt, this.byName);
  }

  /** Records `x = <step chain>` in `into`. */
  noteAlias(stmt: SyntaxNode, into: Map<string, Chain>, locals?: ReadonlyMap<string, Chain>): void {
    if (stmt.name !== "AssignStatement") return;
    const { targets, values } = assignParts(stmt);
    const value = values.length === 1 ? values[0] : undefined;
    if (!value || value.name !== "CallExpression") return;
    const chain = this.chain(value, locals);
    if (!chain) return;
    for (const group of targets) {
      const t = group.length === 1 ? group[0] : undefined;
      if (t?.name === "VariableName") into.set(this.ctx.text(t), chain);
    }
  }

  /** The step an expression names, through rename/option methods; null for anything else. */
  chain(node: SyntaxNode, locals?: ReadonlyMap<string, Chain>): Chain | null {
    const n = unparen(node);
    if (n.name === "VariableName") {
      const name = this.ctx.text(n);
      return locals?.get(name) ?? this.byName.get(name) ?? this.imported(n);
    }
    if (n.name === "MemberExpression") return this.imported(n);
    const call = callParts(n);
    const m = call && memberParts(this.ctx.code, call.callee);
    const rename = m && this.spec.renameMethods.get(m.property);
    if (!call || !m || !rename) return null;
    const inner = this.chain(m.object, locals);
    if (!inner) return null;
    const nameArg = getArg(argList(this.ctx.code, call.args), rename[0], rename[1]);
    const alias = nameArg ? this.nameText(nameArg) : null;
    return { def: inner.def, alias: alias ?? inner.alias };
  }

  /** A name given as a string, or as an f-string's text (`alias(f"load_{i}")` in a loop is `load_{i}`, marked many). */
  private nameText(node: SyntaxNode): string | null {
    const n = unparen(node);
    if (n.name === "FormatString") return formatStringValue(this.ctx.code, n, (_expr, raw) => raw);
    return stringValue(this.ctx.code, n);
  }

  private imported(node: SyntaxNode): Chain | null {
    const step = importedStep(this.ctx, node, (name) => this.byName.has(name));
    return step ? { def: { name: step.label, fn: null, decorator: null, container: false, qualified: step.qualified }, alias: null } : null;
  }

  /** A call of a step: directly, through `.submit()`/`.map()`, or Dagster's `items.map(op)`. */
  invocation(call: SyntaxNode, locals: ReadonlyMap<string, Chain>): Invocation | null {
    const parts = callParts(call);
    if (!parts) return null;
    const { callee, args } = parts;
    const m = memberParts(this.ctx.code, callee);
    if (m && (this.spec.callMethods.has(m.property) || this.spec.mapMethods.has(m.property))) {
      const inner = this.chain(m.object, locals);
      if (inner) {
        return { ...inner, many: this.spec.mapMethods.has(m.property), args, upstream: null };
      }
    }
    if (m?.property === "map" && this.spec.dialect === "dagster") {
      // Dynamic outputs: `items.map(op)` runs op once per item.
      const first = getArg(argList(this.ctx.code, args), 0);
      const inner = first ? this.chain(first, locals) : null;
      if (inner) return { ...inner, many: true, args: null, upstream: m.object };
    }
    const direct = this.chain(callee, locals);
    if (!direct) return null;
    // A rename chain without the final call (`op.alias("x")` alone) is not a call of the step.
    if (m && this.spec.renameMethods.has(m.property)) return null;
    return { ...direct, many: false, args, upstream: null };
  }
}

/** Walks containers and draws their steps. One per extraction. */
export class Composer {
  /** Containers drawn (at top level or inside another), to draw the unreached ones at the end. */
  private readonly drawn = new Set<StepDef>();

  /** What every node of a step shows, computed once per step. */
  private readonly facts = new Map<StepDef, StepFacts>();
  /** Matches a body that may rename a step (`.with_options(`, `.alias(`…). */
  private readonly renames: RegExp;

  constructor(
    readonly ctx: Ctx,
    readonly table: StepTable,
  ) {
    this.renames = new RegExp(`\\.(?:${[...table.spec.renameMethods.keys()].join("|")})\\s*\\(`);
  }

  get spec(): TaskflowSpec {
    return this.table.spec;
  }

  /**
   * Draws every container that no other container calls (and any left unreached, e.g. calling each other).
   * `extraRoots` draws top-level groups of its own first (Dagster's `graph.to_job()`).
   */
  drawAll(extraRoots: (composer: Composer) => void = () => {}): void {
    const called = this.calledContainers();
    extraRoots(this);
    for (const def of this.table.containers) if (!called.has(def) && !this.drawn.has(def)) this.drawRoot(def);
    for (const def of this.table.containers) if (!this.drawn.has(def)) this.drawRoot(def);
  }

  /** Containers that another container calls (they are drawn inside their callers). */
  private calledContainers(): Set<StepDef> {
    const out = new Set<StepDef>();
    if (this.table.containers.length < 2) return out;
    const noLocals = new Map<string, Chain>();
    for (const caller of this.table.containers) {
      const body = caller.fn?.body;
      if (!body) continue;
      const cursor = body.cursor();
      const end = body.to;
      while (cursor.next() && cursor.from < end) {
        if (cursor.name !== "CallExpression") continue;
        const inv = this.table.invocation(cursor.node, noLocals);
        if (inv?.def.container && inv.def !== caller) out.add(inv.def);
      }
    }
    return out;
  }

  /** A top-level group for `def` (label and role may differ: Dagster's `graph.to_job(name=…)`). */
  drawRoot(def: StepDef, label = def.name, role = this.spec.containerRole(def, false), source: SyntaxNode | null = null): void {
    const fn = def.fn;
    if (!fn) return;
    this.drawn.add(def);
    const groupId = this.ctx.graph.uniqueId(`${this.spec.dialect}:${label}`);
    this.ctx.graph.addNode(groupId, {
      label,
      kind: "group",
      source: this.ctx.span(source ?? fn.declaration),
      definition: fn.definition,
    });
    describe(this.ctx, groupId, { role, detail: fn.name });
    this.walk(def, groupId, [def], new Map());
  }

  /**
   * Walks a container's body inside group `groupId`, with its parameters bound to `bindings`; returns the
   * producers of what it returns.
   */
  private walk(def: StepDef, groupId: string, stack: readonly StepDef[], bindings: ReadonlyMap<string, Value>): string[] {
    const fn = def.fn;
    if (!fn?.body) return [];
    const locals = new Map<string, Chain>();
    const scope: Scope = { groupId, stack, locals, counts: new Map() };
    const flow = new Dataflow(this.ctx, {
      call: (node, fl) => this.onCall(node, fl, scope),
    });
    for (const [name, value] of bindings) flow.env.set(name, value);
    flow.parent = groupId;
    // `t = extract.with_options(retries=0)` in the body.
    if (this.renames.test(this.ctx.code.slice(fn.body.from, fn.body.to))) {
      const cursor = fn.body.cursor();
      const end = fn.body.to;
      while (cursor.next() && cursor.from < end) {
        if (cursor.name === "AssignStatement") this.table.noteAlias(cursor.node, locals, locals);
      }
    }
    flow.execBody(fn.body);
    return [...new Set(flow.returned)];
  }

  private onCall(
    node: SyntaxNode,
    fl: Dataflow,
    scope: Scope,
  ): Value | undefined {
    const callee = callParts(node)?.callee;
    const m = callee ? memberParts(this.ctx.code, callee) : null;
    // Dagster dynamic outputs with a lambda: `items.map(lambda x: op(x))`.
    if (m?.property === "map" && this.spec.dialect === "dagster") {
      const first = getArg(argList(this.ctx.code, callParts(node)?.args ?? null), 0);
      if (first?.name === "LambdaExpression") {
        const items = fl.eval(m.object);
        fl.loopDepth++;
        try {
          return fl.applyLambda(first, [items]);
        } finally {
          fl.loopDepth--;
        }
      }
    }
    const inv = this.table.invocation(node, scope.locals);
    if (!inv) return undefined;
    const inputs: Array<{ arg: Arg | null; value: Value; position: number }> = [];
    let position = 0;
    if (inv.upstream) inputs.push({ arg: null, value: fl.eval(inv.upstream), position: position++ });
    for (const { arg, value } of fl.evalArgs(inv.args)) {
      inputs.push({ arg, value, position: arg.name === null && !arg.star ? position++ : -1 });
    }
    const label = inv.alias ?? this.nameFor(inv.def, scope.counts);
    const many = inv.many || fl.loopDepth > 0;

    const def = inv.def;
    const nest =
      def.container &&
      def.fn?.body &&
      !scope.stack.includes(def) &&
      scope.stack.length < MAX_NESTING &&
      this.ctx.graph.nodes.length < NESTING_BUDGET;
    if (nest && def.fn) {
      this.drawn.add(def);
      const groupId = this.ctx.graph.uniqueId(`${scope.groupId}:${label}`);
      this.ctx.graph.addNode(groupId, {
        label,
        kind: "group",
        source: this.ctx.span(node),
        definition: def.fn.definition,
        parent: scope.groupId,
        many,
      });
      describe(this.ctx, groupId, { role: this.spec.containerRole(def, true), detail: def.fn.name });
      // Arguments bind the container's parameters; order-only arguments wait for the whole group.
      const params = paramsOf(this.ctx, def.fn);
      const bindings = new Map<string, Value>();
      const passed: Array<{ value: Value; kind: EdgeKind }> = [];
      for (const i of inputs) {
        if (i.arg?.name && this.spec.orderArgs.has(i.arg.name)) {
          fl.connect(i.value.refs, groupId, "flow");
          continue;
        }
        const param = i.arg?.name ?? (i.position >= 0 ? params[i.position]?.name : undefined);
        if (param) bindings.set(param, i.value);
        passed.push({ value: i.value, kind: "data" });
      }
      const edgesBefore = this.ctx.graph.edges.length;
      const returned = this.walk(def, groupId, [...scope.stack, def], bindings);
      const read = new Set(this.ctx.graph.edges.slice(edgesBefore).map((e) => e.source));
      for (const p of passed) fl.connect(p.value.refs.filter((r) => !read.has(r)), groupId, p.kind);
      return { refs: returned.length ? returned : [groupId] };
    }

    const id = fl.addStep(`${scope.groupId}:${label}`, label, node, def.fn?.definition ?? null, many);
    for (const i of inputs) fl.connect(i.value.refs, id, i.arg?.name && this.spec.orderArgs.has(i.arg.name) ? "flow" : "data");
    describe(this.ctx, id, this.factsOf(def));
    return { refs: [id] };
  }

  private factsOf(def: StepDef): StepFacts {
    let facts = this.facts.get(def);
    if (facts) return facts;
    const params = def.fn ? paramsOf(this.ctx, def.fn) : [];
    facts = {
      role: def.container ? this.spec.containerRole(def, true) : this.spec.stepRole,
      detail: def.fn?.name ?? def.qualified,
      inputs: [
        ...new Set([
          ...params.filter((p) => !p.star && this.spec.isInput(p.name, p.annotation)).map((p) => p.name),
          ...(this.spec.declared?.(this.ctx, def, "ins") ?? []),
        ]),
      ],
      outputs: this.spec.declared?.(this.ctx, def, "out") ?? [],
    };
    this.facts.set(def, facts);
    return facts;
  }

  /** The node name of a call without an alias: Dagster's `add_one`, `add_one_2`…; Prefect's plain name. */
  private nameFor(def: StepDef, counts: Map<string, number>): string {
    if (!this.spec.numberRepeats) return def.name;
    const n = (counts.get(def.name) ?? 0) + 1;
    counts.set(def.name, n);
    return n === 1 ? def.name : `${def.name}_${n}`;
  }
}
