/**
 * The Airflow reader's state: where new tasks go (the current DAG and TaskGroup), the task-level dependencies drawn
 * so far (for a group's roots and leaves), the functions of the script by role, and the budgets that bound the work.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../../context";
import { Dataflow, type FlowHooks, type Value } from "../../dataflow";
import type { FunctionInfo } from "../../module-index";
import type { DecoratorInfo } from "../../syntax";
import type { NodeRole } from "../../types";

/** At most this many iterations of one loop or comprehension are unrolled; a longer one is one task marked many. */
export const MAX_UNROLL = 100;
/** Iterations unrolled over a script, plus one per UNROLL_BYTES of it (nested loops multiply; big files have many). */
export const MAX_UNROLL_TOTAL = 2000;
export const UNROLL_BYTES = 20;
/** How deep helper functions (operator factories, `@task_group` bodies) may call each other. */
export const MAX_CALL_DEPTH = 8;
/** Helper-function evaluations over the whole script. */
export const MAX_CALLS = 1000;
/** Dependencies drawn over the whole script. */
export const MAX_EDGES = 20_000;
/**
 * Statements run over a script, plus one per byte of it. The script's own statements always run (that is linear in
 * its size); past this budget, helper functions are no longer evaluated and loops no longer unrolled, so repeated
 * work cannot multiply.
 */
export const MAX_WORK = 100_000;

export interface DagScope {
  /** Group node id. */
  id: string;
  name: string;
}

export interface GroupScope {
  /** Group node id. */
  id: string;
  dag: DagScope | null;
  /** Airflow's group_id: with the enclosing groups' ids in front (`outer.inner`) unless prefix_group_id=False. */
  groupId: string;
  /** `prefix_group_id`: the group's id goes in front of its tasks' ids. */
  prefix: boolean;
  parent: GroupScope | null;
  /** Every task inside, nested groups included, in creation order. */
  members: string[];
  /** A mapped task group (`.expand`): its tasks are many. */
  many: boolean;
  /** Roots and leaves as of `AirflowState.version`. */
  cache?: { version: number; roots?: string[]; leaves?: string[] };
}

export interface TaskFunction {
  fn: FunctionInfo;
  decorator: DecoratorInfo;
  /** `@task`, `@task.bash`, `@setup`… */
  detail: string;
  role: NodeRole;
}

export interface GroupFunction {
  fn: FunctionInfo;
  decorator: DecoratorInfo;
}

export interface DagFunction {
  fn: FunctionInfo;
  decorator: DecoratorInfo;
}

/**
 * Variables with a journal of their changes, so that a branch that may not run can be run as if it surely did and
 * then undone, its assignments merged with the other branches' (see `loops.ts`). No copy of the variables is made.
 */
export class JournaledEnv extends Map<string, Value> {
  /** [name, value before] for every change made while a branch is open. */
  readonly journal: Array<[string, Value | undefined]> = [];
  /** Branches open (nested); changes are journaled only inside one. */
  open = 0;

  override set(name: string, value: Value): this {
    if (this.open) this.journal.push([name, super.get(name)]);
    return super.set(name, value);
  }

  override delete(name: string): boolean {
    if (this.open) this.journal.push([name, super.get(name)]);
    return super.delete(name);
  }

  /** Undoes every change after `mark`; returns the values the changed names held just before the undo. */
  undoTo(mark: number): Map<string, Value | undefined> {
    const after = new Map<string, Value | undefined>();
    for (let i = this.journal.length - 1; i >= mark; i--) {
      const [name, before] = this.journal[i] ?? ["", undefined];
      if (!after.has(name)) after.set(name, super.get(name));
      if (before === undefined) super.delete(name);
      else super.set(name, before);
    }
    this.journal.length = mark;
    return after;
  }
}

/**
 * A Dataflow whose unknown names are looked up in the scope it runs in (module globals, an enclosing function), and
 * whose statements count against the script's work budget.
 */
export class AirflowFlow extends Dataflow {
  override readonly env = new JournaledEnv();

  constructor(
    readonly state: AirflowState,
    readonly outer: Dataflow | null,
  ) {
    super(state.ctx, state.hooks);
  }

  override lookup(name: string): Value {
    return this.env.get(name) ?? (this.outer ? this.outer.lookup(name) : super.lookup(name));
  }

  override exec(stmt: SyntaxNode): void {
    this.state.workLeft--;
    super.exec(stmt);
  }
}

export class AirflowState {
  readonly graph;
  dag: DagScope | null = null;
  group: GroupScope | null = null;
  readonly dags = new Map<string, DagScope>();
  readonly groups = new Map<string, GroupScope>();
  /** Tasks whose outgoing flow edges are conditional (branch and short-circuit tasks). */
  readonly branchNodes = new Set<string>();
  /** Setup and teardown tasks (`@setup`, `@teardown`, `.as_setup()`, `.as_teardown()`). */
  readonly setups = new Set<string>();
  readonly teardowns = new Set<string>();
  /** Open setup/teardown contexts (`with setup >> teardown:`): the tasks created in each. */
  readonly collectors: string[][] = [];
  /** Task-level dependencies drawn so far, both ways. */
  readonly downstream = new Map<string, Set<string>>();
  readonly upstream = new Map<string, Set<string>>();
  /** Tasks created by the unrolled loop being run: creating one again is a repeat (one node, many). */
  unrolled: Set<string> | null = null;
  unrollLeft: number;
  workLeft: number;
  /** Bumped by every new task or dependency: cached roots and leaves older than this are stale. */
  version = 0;
  /** The next `__n` suffix to try for a repeated TaskFlow call or `@task_group` call, by id. */
  readonly nextSuffix = new Map<string, number>();
  callsLeft = MAX_CALLS;
  edgesLeft = MAX_EDGES;
  /** Functions being evaluated, innermost last (no recursion; scope for resolving nested definitions). */
  readonly calling: FunctionInfo[] = [];
  readonly warned = new Set<string>();
  readonly taskFns = new Map<string, TaskFunction[]>();
  readonly groupFns = new Map<string, GroupFunction[]>();
  readonly dagFns = new Map<string, DagFunction[]>();
  readonly helperFns = new Map<string, Array<{ fn: FunctionInfo }>>();
  /** The module's own flow: its variables are every function's globals. */
  top!: AirflowFlow;
  hooks!: FlowHooks;

  constructor(readonly ctx: Ctx) {
    this.graph = ctx.graph;
    this.unrollLeft = MAX_UNROLL_TOTAL + Math.floor(ctx.code.length / UNROLL_BYTES);
    this.workLeft = MAX_WORK + ctx.code.length;
  }

  /** A flow for a function body: globals from the module, or the caller's names for a nested definition. */
  flowFor(fn: FunctionInfo, caller: Dataflow): AirflowFlow {
    return new AirflowFlow(this, fn.topLevel ? this.top : caller);
  }

  /** Airflow's name for a repeat of `label` (`label__1`, `label__2`…), the first whose id `idOf` gives is free. */
  suffixed(label: string, idOf: (label: string) => string): string {
    const core = label.replace(/__\d+$/, "");
    const key = idOf(core);
    let n = this.nextSuffix.get(key) ?? 1;
    while (this.graph.has(idOf(`${core}__${n}`))) n++;
    this.nextSuffix.set(key, n + 1);
    return `${core}__${n}`;
  }

  /** The function a name means where the code runs now: one defined in the running function first. */
  resolve<T extends { fn: FunctionInfo }>(table: Map<string, T[]>, name: string): T | undefined {
    const list = table.get(name);
    if (!list?.length) return undefined;
    if (list.length === 1) return list[0];
    // Several definitions of one name (a `@task def extract` in each of many DAG functions): by enclosing function.
    let byScope = this.scopes.get(list) as Map<string | null, T> | undefined;
    if (!byScope) {
      byScope = new Map();
      for (const x of list) if (!byScope.has(x.fn.enclosing)) byScope.set(x.fn.enclosing, x);
      this.scopes.set(list, byScope);
    }
    for (let i = this.calling.length - 1; i >= 0; i--) {
      const local = byScope.get(this.calling[i]?.name ?? null);
      if (local) return local;
    }
    return byScope.get(null) ?? list[list.length - 1];
  }

  private readonly scopes = new WeakMap<object, Map<string | null, unknown>>();

  /** Warns once per key. */
  warnOnce(key: string, node: SyntaxNode, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.ctx.warn(node, message);
  }

  /** The DAG a value stands for, if any. */
  dagOf(id: string | undefined): DagScope | null {
    return id ? (this.dags.get(id) ?? null) : null;
  }

  /** The TaskGroup a value stands for: a value holding exactly one group node. */
  groupOf(v: Value): GroupScope | null {
    return v.refs.length === 1 ? (this.groups.get(v.refs[0] ?? "") ?? null) : null;
  }
}

export function functionsByName<T>(table: Map<string, T[]>, name: string, entry: T): void {
  const list = table.get(name);
  if (list) list.push(entry);
  else table.set(name, [entry]);
}
