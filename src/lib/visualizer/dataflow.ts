/**
 * The shared "value produced by a call → consumed by a call" mechanism. It walks a function body (or
 * a DAG body, or a script's entry point) statement by statement, keeping for each variable the set of
 * graph nodes whose result it may hold. A dialect decides which calls are steps (the `call` hook);
 * the walker connects every step to the steps whose values reach its arguments, including calls
 * nested as arguments (`publish(count(records))`). Used by Prefect, Dagster, Airflow TaskFlow and
 * plain scripts.
 *
 * Conditional code (if/else branches, loop bodies, except blocks) adds to a variable's producers
 * instead of replacing them ("may" semantics), so no environment is ever copied: one linear walk.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "./context";
import {
  dictValue,
  formatField,
  knownBinary,
  knownBuiltin,
  knownMethod,
  knownSubscript,
  knownUnary,
  listValue,
  literalValue,
  numberLiteral,
  refsOf,
  strValue,
  textValue,
  truth,
  withItem,
  type KnownArg,
} from "./python-values";
import {
  argList,
  assignParts,
  callParts,
  child,
  formatStringValue,
  isPunctuation,
  memberParts,
  sequenceItems,
  statements,
  stringValue,
  type Arg,
} from "./syntax";
import type { EdgeKind, SourceSpan } from "./types";

export interface Value {
  /** Ids of the graph nodes whose result this value may hold. */
  refs: readonly string[];
  /** A known string (a literal, a constant, a loop variable over literal strings, a string built from known parts). */
  str?: string;
  /** A string built from parts some of which are unknown, shown with `{expr}` placeholders (`load_{table}`). */
  text?: string;
  /** A known integer. */
  num?: number;
  /** A known truth value (`True`, a comparison of known values). */
  bool?: boolean;
  /** Known items of a list, tuple, set or range, in order (a dict's keys). */
  items?: Value[];
  /** Known entries of a dict. */
  entries?: Array<{ key: Value; value: Value }>;
  /**
   * A dialect's own facts about the value (Airflow: a DAG, a `Label`, datasets). The walker carries it along with
   * the value (assignments, lists, parameters) and never reads it.
   */
  ext?: unknown;
}

export const EMPTY: Value = Object.freeze({ refs: Object.freeze([]) as readonly string[] }) as Value;

export function refsValue(refs: readonly string[]): Value {
  return refs.length ? { refs } : EMPTY;
}

export function union(values: readonly Value[]): Value {
  let first: readonly string[] | null = null;
  let merged: Set<string> | null = null;
  for (const v of values) {
    if (!v.refs.length) continue;
    if (!first) first = v.refs;
    else {
      merged ??= new Set(first);
      for (const r of v.refs) merged.add(r);
    }
  }
  if (merged) return { refs: [...merged] };
  return first ? { refs: first } : EMPTY;
}

/**
 * What a variable holds after code that may or may not have run assigned it: either value. Producers add up; a
 * known string or number stays known only if both agree; the newer value's dialect facts are kept.
 */
export function either(prev: Value, value: Value): Value {
  const out: Value = { ...union([prev, value]) };
  if (prev.str !== undefined && prev.str === value.str) out.str = value.str;
  if (prev.num !== undefined && prev.num === value.num) out.num = value.num;
  if (prev.bool !== undefined && prev.bool === value.bool) out.bool = value.bool;
  const text = value.text ?? value.str;
  if (out.str === undefined && text !== undefined) out.text = text;
  const ext = value.ext ?? prev.ext;
  if (ext !== undefined) out.ext = ext;
  return out;
}

export interface BlockInfo {
  kind: "if" | "elif" | "else" | "for" | "while" | "with" | "match";
  /** The header as written, e.g. `for url in urls`, `if retries > 3`. */
  header: string;
  /** The statement (or, for elif/else, the keyword) that opens the block. */
  node: SyntaxNode;
  body: SyntaxNode | null;
}

export interface FlowHooks {
  /** Claims a call (returns its value) or returns undefined for the default: union of callee and arguments. */
  call?(node: SyntaxNode, flow: Dataflow): Value | undefined;
  /** Claims a binary expression such as Airflow's `a >> b`. */
  binary?(node: SyntaxNode, op: string, flow: Dataflow): Value | undefined;
  /** Handles a compound statement entirely (returns true), e.g. Airflow's `with DAG(...)`. */
  statement?(node: SyntaxNode, flow: Dataflow): boolean;
  /** Claims a comprehension (list, set, dict, generator), e.g. to unroll it over a known sequence. */
  comprehension?(node: SyntaxNode, flow: Dataflow): Value | undefined;
  /** Around every block body (a branch of an if, a loop body, a with body). */
  enterBlock?(block: BlockInfo, flow: Dataflow): void;
  leaveBlock?(block: BlockInfo, flow: Dataflow): void;
}

const MAX_DEPTH = 200;

/**
 * Bounds on one extraction, whatever the script: past them steps and edges are no longer added (one warning says
 * so). Values that may hold many producers (a list filled in a loop, a variable assigned in many branches) could
 * otherwise connect every step to every earlier one.
 */
export const MAX_STEPS = 5000;
export const MAX_EDGES = 20000;
const boundWarned = new WeakSet<Ctx>();

/** Methods that put their argument into the object they are called on. */
const MUTATORS = new Set([
  "append",
  "extend",
  "add",
  "update",
  "insert",
  "appendleft",
  "extendleft",
  "put",
  "put_nowait",
  "push",
  "setdefault",
  "write",
  "writelines",
]);

const SKIPPED_STATEMENTS = new Set([
  "FunctionDefinition",
  "ClassDefinition",
  "DecoratedStatement",
  "ImportStatement",
  "PassStatement",
  "BreakStatement",
  "ContinueStatement",
  "ScopeStatement",
  "DeleteStatement",
  "TypeDefinition",
  "Comment",
]);

const COMPREHENSIONS = new Set([
  "ComprehensionExpression",
  "ArrayComprehensionExpression",
  "DictionaryComprehensionExpression",
  "SetComprehensionExpression",
]);

const NO_VALUE = new Set(["None", "Ellipsis", "LambdaExpression", "PropertyName"]);

/** Operator tokens of a BinaryExpression (the rest of its children are operands). */
const OPERATORS = new Set(["ArithOp", "BitOp", "CompareOp", "or", "and", "in", "not", "is", "*", "**", "@"]);

/** `f(x for x in xs)`: an argument list that is one generator (a `for` among its direct children). */
function isGenerator(list: SyntaxNode): boolean {
  for (let c = list.firstChild; c; c = c.nextSibling) if (c.name === "for") return true;
  return false;
}

/** Module constants read as literals, once per constant node. */
const constantCache = new WeakMap<SyntaxNode, Value>();

export class Dataflow {
  readonly env = new Map<string, Value>();
  /** > 0 inside a loop body or a comprehension: a step created there runs many times. */
  loopDepth = 0;
  /** > 0 where code may not run (branches, loop bodies): assignments add to, not replace, producers. */
  condDepth = 0;
  /** The group node new steps belong to (dialects move it as they enter groups). */
  parent: string | null = null;
  /** Producers of the values the walked body returns. */
  readonly returned: string[] = [];
  /** The values of the body's `return` statements, in order. */
  readonly results: Value[] = [];
  private depth = 0;

  constructor(
    readonly ctx: Ctx,
    readonly hooks: FlowHooks,
  ) {}

  get code(): string {
    return this.ctx.code;
  }

  // ---- statements ----

  execBody(body: SyntaxNode | null): void {
    if (!body) return;
    for (const s of statements(body)) this.exec(s);
  }

  execStatements(list: readonly SyntaxNode[]): void {
    for (const s of list) this.exec(s);
  }

  exec(stmt: SyntaxNode): void {
    if (this.depth > MAX_DEPTH) return;
    this.depth++;
    try {
      this.execInner(stmt);
    } finally {
      this.depth--;
    }
  }

  private execInner(stmt: SyntaxNode): void {
    const name = stmt.name;
    if (SKIPPED_STATEMENTS.has(name)) return;
    switch (name) {
      case "ExpressionStatement":
        for (let c = stmt.firstChild; c; c = c.nextSibling) if (!isPunctuation(c)) this.eval(c);
        return;
      case "AssignStatement":
        this.execAssign(stmt);
        return;
      case "UpdateStatement": {
        // `x += v`: x also holds v's producers; a known x and v give the known result (`name += "_v2"`).
        const target = stmt.firstChild;
        const vals: Value[] = [];
        let op = "";
        for (let c = target?.nextSibling ?? null; c; c = c.nextSibling) {
          if (c.name === "UpdateOp") op = this.code.slice(c.from, c.to).slice(0, -1);
          else if (!isPunctuation(c)) vals.push(this.eval(c));
        }
        if (!target) return;
        const before = target.name === "VariableName" ? this.lookup(this.code.slice(target.from, target.to)) : EMPTY;
        const rhs = vals.length === 1 && vals[0] ? vals[0] : union(vals);
        const known = knownBinary(op, before, rhs, this.code.slice(target.from, target.to), "");
        if (known && this.condDepth === 0) this.bind(target, { ...known, refs: union([before, rhs]).refs });
        else this.bind(target, union(vals), true);
        return;
      }
      case "ReturnStatement": {
        // `return a, b` returns one tuple.
        const parts: Value[] = [];
        for (let c = stmt.firstChild; c; c = c.nextSibling) if (c.name !== "return" && !isPunctuation(c)) parts.push(this.eval(c));
        if (!parts.length) return;
        const v = parts.length === 1 && parts[0] ? parts[0] : listValue(parts);
        this.returned.push(...v.refs);
        this.results.push(v);
        return;
      }
      case "StatementGroup":
        for (let c = stmt.firstChild; c; c = c.nextSibling) if (c.name !== ";") this.exec(c);
        return;
      case "IfStatement":
      case "ForStatement":
      case "WhileStatement":
      case "WithStatement":
      case "TryStatement":
      case "MatchStatement":
        if (this.hooks.statement?.(stmt, this)) return;
        this.execCompound(stmt);
        return;
      default:
        // Raise/assert/yield/print statements and error nodes: evaluate what is inside.
        for (let c = stmt.firstChild; c; c = c.nextSibling) {
          if (c.name === "Body") this.execBody(c);
          else if (!isPunctuation(c)) this.eval(c);
        }
    }
  }

  private execAssign(stmt: SyntaxNode): void {
    const { targets, values } = assignParts(stmt);
    if (!values.length) return; // annotation only
    let v: Value;
    if (values.length === 1 && values[0]) v = this.eval(values[0]);
    else {
      const items = values.map((x) => this.eval(x));
      v = { ...union(items), items };
    }
    for (const group of targets) {
      if (group.length === 1 && group[0]) this.bind(group[0], v);
      else this.bindSequence(group, v);
    }
  }

  /** The default handling of compound statements; also used by hooks that only add to it. */
  execCompound(stmt: SyntaxNode): void {
    switch (stmt.name) {
      case "IfStatement":
        this.execIf(stmt);
        return;
      case "ForStatement":
        this.execFor(stmt, (body) => this.execBody(body));
        return;
      case "WhileStatement": {
        let body: SyntaxNode | null = null;
        let elseBody: SyntaxNode | null = null;
        for (let c = stmt.firstChild; c; c = c.nextSibling) {
          if (c.name === "Body") {
            if (body) elseBody = c;
            else body = c;
          } else if (!body && c.name !== "while") this.eval(c);
        }
        this.loopDepth++;
        this.condDepth++;
        this.block({ kind: "while", header: this.header(stmt, body), node: stmt, body }, body);
        this.loopDepth--;
        this.execBody(elseBody);
        this.condDepth--;
        return;
      }
      case "WithStatement": {
        const body = child(stmt, "Body");
        let last: Value = EMPTY;
        let expectAs = false;
        for (let c = stmt.firstChild; c && c.name !== "Body"; c = c.nextSibling) {
          if (c.name === "as") expectAs = true;
          else if (c.name === "VariableName" && expectAs) {
            this.bind(c, last);
            expectAs = false;
          } else if (c.name !== "with" && c.name !== "async" && !isPunctuation(c)) last = this.eval(c);
        }
        this.block({ kind: "with", header: this.header(stmt, body), node: stmt, body }, body);
        return;
      }
      case "TryStatement": {
        let first = true;
        let prevKeyword = "";
        for (let c = stmt.firstChild; c; c = c.nextSibling) {
          if (c.name === "Body") {
            const conditional = !first && prevKeyword !== "finally";
            if (conditional) this.condDepth++;
            this.execBody(c);
            if (conditional) this.condDepth--;
            first = false;
          } else if (c.name === "try" || c.name === "except" || c.name === "else" || c.name === "finally") {
            prevKeyword = c.name;
          } else if (c.name === "VariableName" && prevKeyword === "except") {
            // `except E as e`: e holds nothing a step produced.
          }
        }
        return;
      }
      case "MatchStatement": {
        for (let c = stmt.firstChild; c; c = c.nextSibling) {
          if (c.name === "MatchBody") {
            this.condDepth++;
            for (let m = c.firstChild; m; m = m.nextSibling) {
              if (m.name !== "MatchClause") continue;
              const body = child(m, "Body");
              this.block({ kind: "match", header: this.header(m, body), node: m, body }, body);
            }
            this.condDepth--;
          } else if (c.name !== "match" && !isPunctuation(c)) this.eval(c);
        }
        return;
      }
      default:
        return;
    }
  }

  private execIf(stmt: SyntaxNode): void {
    let keyword: SyntaxNode | null = null;
    this.condDepth++;
    for (let c = stmt.firstChild; c; c = c.nextSibling) {
      const n = c.name;
      if (n === "if" || n === "elif" || n === "else") keyword = c;
      else if (n === "Body") {
        const kind = (keyword?.name ?? "if") as BlockInfo["kind"];
        const header = keyword ? this.code.slice(keyword.from, c.from) : "if";
        this.block({ kind, header: header.trim(), node: keyword ?? stmt, body: c }, c);
      } else if (!isPunctuation(c)) this.eval(c);
    }
    this.condDepth--;
  }

  /** Splits a for statement into its targets, iterable and bodies. */
  forParts(stmt: SyntaxNode): { targets: SyntaxNode[]; iter: SyntaxNode[]; body: SyntaxNode | null; elseBody: SyntaxNode | null } {
    const targets: SyntaxNode[] = [];
    const iter: SyntaxNode[] = [];
    let body: SyntaxNode | null = null;
    let elseBody: SyntaxNode | null = null;
    let phase = 0;
    for (let c = stmt.firstChild; c; c = c.nextSibling) {
      const n = c.name;
      if (n === "for") phase = 1;
      else if (n === "in" && phase === 1) phase = 2;
      else if (n === "Body") {
        if (body) elseBody = c;
        else body = c;
        phase = 3;
      } else if (isPunctuation(c) || n === "async" || n === "else") continue;
      else if (phase === 1) targets.push(c);
      else if (phase === 2) iter.push(c);
    }
    return { targets, iter, body, elseBody };
  }

  /** Default for-loop handling: the body runs once, in a loop context. `run` executes the body. */
  execFor(stmt: SyntaxNode, run: (body: SyntaxNode | null) => void): void {
    const { targets, iter, body, elseBody } = this.forParts(stmt);
    const it = union(iter.map((x) => this.eval(x)));
    this.loopDepth++;
    this.condDepth++;
    if (targets.length === 1 && targets[0]) this.bind(targets[0], refsValue(it.refs));
    else this.bindSequence(targets, refsValue(it.refs));
    const info: BlockInfo = { kind: "for", header: this.header(stmt, body), node: stmt, body };
    this.enterBlockHook(info);
    run(body);
    this.leaveBlockHook(info);
    this.loopDepth--;
    this.execBody(elseBody);
    this.condDepth--;
  }

  private block(info: BlockInfo, body: SyntaxNode | null): void {
    this.enterBlockHook(info);
    this.execBody(body);
    this.leaveBlockHook(info);
  }

  private enterBlockHook(info: BlockInfo): void {
    this.hooks.enterBlock?.(info, this);
  }

  private leaveBlockHook(info: BlockInfo): void {
    this.hooks.leaveBlock?.(info, this);
  }

  /** The header of a compound statement: its text up to the body's colon. */
  header(stmt: SyntaxNode, body: SyntaxNode | null): string {
    return this.code.slice(stmt.from, body ? body.from : stmt.to).trim();
  }

  // ---- bindings ----

  lookup(name: string): Value {
    const v = this.env.get(name);
    if (v) return v;
    const constant = this.ctx.index.constants.get(name);
    if (constant) return this.evalConstant(constant);
    return EMPTY;
  }

  private evalConstant(node: SyntaxNode): Value {
    let v = constantCache.get(node);
    if (!v) {
      v = literalValue(this.code, node);
      constantCache.set(node, v);
    }
    return v;
  }

  /** Binds an assignment target. `add` (or conditional code) unions with what it held. */
  bind(target: SyntaxNode, value: Value, add = false): void {
    switch (target.name) {
      case "VariableName": {
        const name = this.code.slice(target.from, target.to);
        if (add || this.condDepth > 0) {
          const prev = this.env.get(name);
          this.env.set(name, prev ? either(prev, value) : value);
        } else this.env.set(name, value);
        return;
      }
      case "TupleExpression":
      case "ArrayExpression":
      case "ParenthesizedExpression": {
        const items = sequenceItems(target);
        if (items) this.bindSequence(items, value);
        else {
          const inner = target.firstChild?.nextSibling;
          if (inner) this.bind(inner, value, add);
        }
        return;
      }
      case "MemberExpression": {
        // `d[k] = v` on a known dict or list, where the code surely runs: that entry is now v.
        const obj = target.firstChild;
        const open = obj?.nextSibling;
        const index = open?.name === "[" ? open.nextSibling : null;
        if (obj?.name === "VariableName" && index && index.nextSibling?.name === "]" && !add && this.condDepth === 0) {
          const name = this.code.slice(obj.from, obj.to);
          const updated = withItem(this.lookup(name), this.eval(index), value);
          if (updated) {
            this.env.set(name, updated);
            return;
          }
        }
        // `obj.attr = v`, `obj[k] = v`: the object now also holds v.
        let base: SyntaxNode | null = target;
        while (base && base.name === "MemberExpression") base = base.firstChild;
        if (base?.name === "VariableName") this.bind(base, refsValue(value.refs), true);
        return;
      }
      default:
        return;
    }
  }

  bindSequence(targets: readonly SyntaxNode[], value: Value): void {
    const clean = targets.filter((t) => !isPunctuation(t));
    const items = value.items;
    clean.forEach((t, i) => {
      const item = items && items.length === clean.length ? items[i] : undefined;
      this.bind(t, item ?? refsValue(value.refs));
    });
  }

  // ---- expressions ----

  eval(node: SyntaxNode): Value {
    if (this.depth > MAX_DEPTH) return EMPTY;
    this.depth++;
    try {
      return this.evalInner(node);
    } finally {
      this.depth--;
    }
  }

  private evalInner(node: SyntaxNode): Value {
    const name = node.name;
    switch (name) {
      case "VariableName":
        return this.lookup(this.code.slice(node.from, node.to));
      case "String":
      case "ContinuedString": {
        const s = stringValue(this.code, node);
        if (s !== null) return { refs: [], str: s };
        return this.evalFormat(node);
      }
      case "FormatString":
        return this.evalFormat(node);
      case "ParenthesizedExpression": {
        const inner = node.firstChild?.nextSibling;
        return inner && !isPunctuation(inner) ? this.eval(inner) : EMPTY;
      }
      case "Number": {
        const n = numberLiteral(this.code, node);
        return n === undefined ? EMPTY : { refs: [], num: n };
      }
      case "Boolean":
        return { refs: [], bool: this.code.slice(node.from, node.to) === "True" };
      case "ArrayExpression":
      case "TupleExpression":
      case "SetExpression":
        return this.evalSequence(node);
      case "DictionaryExpression":
        return this.evalDict(node);
      case "CallExpression": {
        const claimed = this.hooks.call?.(node, this);
        if (claimed) return claimed;
        return this.evalCall(node);
      }
      case "BinaryExpression": {
        if (this.hooks.binary) {
          const op = node.firstChild?.nextSibling;
          if (op) {
            const claimed = this.hooks.binary(node, this.code.slice(op.from, op.to), this);
            if (claimed) return claimed;
          }
        }
        return this.evalBinary(node);
      }
      case "UnaryExpression": {
        const op = node.firstChild;
        const arg = node.lastChild;
        if (!op || !arg || op === arg) return this.evalChildren(node);
        const v = this.eval(arg);
        const k = knownUnary(this.code.slice(op.from, op.to), v);
        return k ? { refs: v.refs, ...k } : refsValue(v.refs);
      }
      case "ConditionalExpression": {
        // `a if test else b`: the branch the test picks when it is known, else either.
        const parts: SyntaxNode[] = [];
        for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== "if" && c.name !== "else" && !isPunctuation(c)) parts.push(c);
        const [a, test, b] = parts;
        if (!a || !test || !b) return this.evalChildren(node);
        const t = truth(this.eval(test));
        if (t === true) return this.eval(a);
        if (t === false) return this.eval(b);
        return union([this.eval(a), this.eval(b)]);
      }
      case "MemberExpression":
        // `x.attr` and `x[k]` carry x's producers (and the subscript's); a known item when x and k are known.
        return this.evalMember(node);
      case "NamedExpression": {
        // `(n := value)`: the value, also bound to n.
        const target = node.firstChild;
        const value = node.lastChild;
        if (!target || !value || target === value) return EMPTY;
        const v = this.eval(value);
        this.bind(target, v);
        return v;
      }
      default:
        if (NO_VALUE.has(name) || isPunctuation(node)) return EMPTY;
        if (COMPREHENSIONS.has(name)) return this.evalComprehension(node);
        return this.evalChildren(node);
    }
  }

  /** A list, tuple or set display; `*x` splices x's known items (unknown items make the whole unknown). */
  private evalSequence(node: SyntaxNode): Value {
    const items: Value[] = [];
    const all: Value[] = [];
    let known = true;
    let star = false;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === "*") {
        star = true;
        continue;
      }
      if (isPunctuation(c)) continue;
      const v = this.eval(c);
      all.push(v);
      if (!star) items.push(v);
      else if (v.items) items.push(...v.items);
      else known = false;
      star = false;
    }
    return known ? listValue(items) : refsValue(refsOf(all));
  }

  /** A dict display: its entries when every key is evaluated (`**x` splices x's known entries). */
  private evalDict(node: SyntaxNode): Value {
    const entries: Array<{ key: Value; value: Value }> = [];
    const all: Value[] = [];
    let known = true;
    let key: Value | null = null;
    let afterColon = false;
    let spread = false;
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === "**") spread = true;
      else if (c.name === ":") afterColon = true;
      else if (c.name === ",") {
        key = null;
        afterColon = false;
        spread = false;
      } else if (!isPunctuation(c)) {
        const v = this.eval(c);
        all.push(v);
        if (spread) {
          if (v.entries) entries.push(...v.entries);
          else known = false;
        } else if (!afterColon) key = v;
        else if (key) entries.push({ key, value: v });
      }
    }
    return known ? dictValue(entries) : refsValue(refsOf(all));
  }

  /**
   * A call nobody claimed: the union of callee and arguments, plus the value of a builtin or a method on a known
   * value (`range(3)`, `"a_{}".format(x)`, `d.items()`), plus what a mutator puts in its object.
   */
  private evalCall(node: SyntaxNode): Value {
    const parts = callParts(node);
    if (!parts) return this.evalChildren(node);
    const member = memberParts(this.code, parts.callee);
    const self = member ? this.eval(member.object) : null;
    const callee = self ?? this.eval(parts.callee);
    const args: KnownArg[] = this.evalArgs(parts.args).map(({ arg, value }) => ({ name: arg.name, star: arg.star, value }));
    const all = union([callee, ...args.map((a) => a.value)]);
    let known: Value | null = null;
    if (member && self) known = knownMethod(self, member.property, args);
    else if (parts.callee.name === "VariableName" && !this.env.has(this.code.slice(parts.callee.from, parts.callee.to))) {
      known = knownBuiltin(this.code.slice(parts.callee.from, parts.callee.to), args);
    }
    if (member && self && MUTATORS.has(member.property)) this.noteMutation(member.object, member.property, self, args);
    if (!known) return all;
    return { ...known, refs: refsOf([all, known]) };
  }

  /**
   * `results.append(step(x))`: the container now also holds what was put in it. Where the code surely runs, a
   * known list stays known (`tasks.append(t)` in an unrolled loop keeps the order for `chain(*tasks)`).
   */
  private noteMutation(target: SyntaxNode, method: string, self: Value, args: readonly KnownArg[]): void {
    if (target.name !== "VariableName") return;
    const put = union(args.map((a) => a.value));
    const a0 = args[0]?.value;
    let items: Value[] | undefined;
    if (this.condDepth === 0 && self.items && !self.entries && a0) {
      if (method === "append" && args.length === 1) items = [...self.items, a0];
      else if (method === "extend" && args.length === 1 && a0.items) items = [...self.items, ...a0.items];
    }
    if (items) {
      this.env.set(this.code.slice(target.from, target.to), listValue(items));
      return;
    }
    if (put.refs.length) this.bind(target, refsValue(put.refs), true);
  }

  /** A binary expression: the union of its operands, plus its value when they are known. */
  private evalBinary(node: SyntaxNode): Value {
    const operands: SyntaxNode[] = [];
    const ops: string[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (OPERATORS.has(c.name)) ops.push(this.code.slice(c.from, c.to));
      else if (!isPunctuation(c)) operands.push(c);
    }
    const [left, right] = operands;
    if (operands.length !== 2 || !left || !right) return this.evalChildren(node);
    const op = ops.join(" ");
    const l = this.eval(left);
    const r = this.eval(right);
    const refs = union([l, r]).refs;
    const k = knownBinary(op, l, r, this.code.slice(left.from, left.to), this.code.slice(right.from, right.to));
    return k ? { ...k, refs } : refsValue(refs);
  }

  /** `x.attr` and `x[k]`: x's producers (and the subscript's); the known item of a known x at a known k. */
  private evalMember(node: SyntaxNode): Value {
    const obj = node.firstChild;
    if (!obj || obj.nextSibling?.name !== "[") return this.evalChildren(node);
    const o = this.eval(obj);
    const parts: Array<SyntaxNode | ":"> = [];
    for (let c = obj.nextSibling.nextSibling; c && c.name !== "]"; c = c.nextSibling) {
      if (c.name === ":") parts.push(":");
      else if (!isPunctuation(c)) parts.push(c);
    }
    const values: Value[] = [o];
    let index: Value | null = null;
    let slice: Array<Value | null> | null = null;
    if (parts.includes(":")) {
      slice = [null];
      for (const p of parts) {
        if (p === ":") slice.push(null);
        else {
          const v = this.eval(p);
          values.push(v);
          slice[slice.length - 1] = v;
        }
      }
    } else if (parts.length === 1 && parts[0] !== undefined && parts[0] !== ":") {
      index = this.eval(parts[0]);
      values.push(index);
    } else for (const p of parts) if (p !== ":") values.push(this.eval(p));
    const known = knownSubscript(o, index, slice);
    return known ?? union(values);
  }

  evalChildren(node: SyntaxNode): Value {
    const vals: Value[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name === "ArgList") {
        for (const a of this.evalArgs(c)) vals.push(a.value);
      } else if (!isPunctuation(c)) vals.push(this.eval(c));
    }
    return union(vals);
  }

  /** An f-string: its text when every field is known, else its text with the unknown fields as written. */
  private evalFormat(node: SyntaxNode): Value {
    const refs: string[] = [];
    let unknown = false;
    const s = formatStringValue(this.code, node, (expr, raw) => {
      if (!expr) return raw;
      const v = this.eval(expr);
      refs.push(...v.refs);
      // After the expression: `!r` and `:spec` (the spec may itself hold fields: left unknown).
      const tail = raw.slice(raw.indexOf(this.code.slice(expr.from, expr.to)) + (expr.to - expr.from), -1).trim();
      const m = /^(?:!([rsa]))?(?::(.*))?$/s.exec(tail);
      const text = m && !(m[2] ?? "").includes("{") ? formatField(v, m[1] ?? "", m[2] ?? "") : undefined;
      if (text !== undefined) return text;
      unknown = true;
      return v.text !== undefined ? v.text : raw;
    });
    const r = refs.length ? [...new Set(refs)] : [];
    return unknown ? textValue(s, r) : strValue(s, r);
  }

  /**
   * A comprehension (or a call's lone generator argument): the hook's value, else, in a loop context, the `for`
   * clauses bind their targets to the items' producers (for the comprehension only) and the value is the element's
   * (`[step(x) for x in items if ok(x)]`).
   */
  private evalComprehension(node: SyntaxNode): Value {
    const claimed = this.hooks.comprehension?.(node, this);
    if (claimed) return claimed;
    const element: SyntaxNode[] = [];
    const saved = new Map<string, Value | undefined>();
    let phase: "element" | "targets" | "iter" | "cond" = "element";
    let targets: SyntaxNode[] = [];
    this.loopDepth++;
    try {
      for (let c = node.firstChild; c; c = c.nextSibling) {
        const n = c.name;
        if (n === "for") {
          phase = "targets";
          targets = [];
        } else if (n === "in" && phase === "targets") phase = "iter";
        else if (n === "if") phase = "cond";
        else if (n === "async" || isPunctuation(c)) continue;
        else if (phase === "element") element.push(c);
        else if (phase === "targets") {
          targets.push(c);
          // The names it binds (also inside `(a, b)`), to restore after the comprehension.
          const cursor = c.cursor();
          do {
            if (cursor.name !== "VariableName") continue;
            const t = this.code.slice(cursor.from, cursor.to);
            if (!saved.has(t)) saved.set(t, this.env.get(t));
          } while (cursor.next() && cursor.from < c.to);
        } else if (phase === "iter") {
          const items = refsValue(this.eval(c).refs);
          if (targets.length === 1 && targets[0]) this.bind(targets[0], items);
          else this.bindSequence(targets, items);
        } else this.eval(c);
      }
      return union(element.map((e) => this.eval(e)));
    } finally {
      this.loopDepth--;
      for (const [t, v] of saved) {
        if (v) this.env.set(t, v);
        else this.env.delete(t);
      }
    }
  }

  /** Evaluates each argument of an ArgList; `f(x for x in xs)` has one argument, the generator. */
  evalArgs(list: SyntaxNode | null): Array<{ arg: Arg; value: Value }> {
    if (list && isGenerator(list)) return [{ arg: { name: null, value: list, star: 0 }, value: this.evalComprehension(list) }];
    return argList(this.code, list).map((arg) => {
      const value = this.eval(arg.value);
      if (arg.binds) this.bind(arg.binds, value);
      return { arg, value };
    });
  }

  /**
   * Adds a step node for a call: many when inside a loop or comprehension; parent is the current group.
   * `base` is the id it gets when free (later calls of the same step get `base#2`, `base#3`…).
   */
  addStep(base: string, label: string, call: SyntaxNode, definition: SourceSpan | null, many = false): string {
    const id = this.ctx.graph.uniqueId(base);
    if (this.ctx.graph.nodes.length >= MAX_STEPS) {
      this.warnBound(call, `the graph is cut at ${MAX_STEPS} nodes`);
      return id; // never added: edges to it are dropped when the graph is pruned
    }
    this.ctx.graph.addNode(id, {
      label,
      kind: "step",
      source: this.ctx.span(call),
      definition,
      parent: this.parent,
      many: many || this.loopDepth > 0,
    });
    return id;
  }

  /** Adds an edge from every producer in `refs` to `target`. */
  connect(refs: readonly string[], target: string, kind: EdgeKind, label?: string): void {
    const graph = this.ctx.graph;
    for (const r of refs) {
      if (graph.edges.length >= MAX_EDGES) {
        this.warnBound(null, `the graph is cut at ${MAX_EDGES} edges`);
        return;
      }
      graph.addEdge(r, target, kind, label ? { label } : {});
    }
  }

  private warnBound(node: SyntaxNode | null, what: string): void {
    if (boundWarned.has(this.ctx)) return;
    boundWarned.add(this.ctx);
    const at = node ?? this.ctx.tree.topNode;
    this.ctx.warn(at, `This script is too large to draw whole: ${what}.`);
  }

  /**
   * A lambda applied to `args` (what `.map(lambda v: …)` or `df.pipe(lambda d: …)` passes it): its body is
   * evaluated with its parameters bound to them, then the bindings are restored.
   */
  applyLambda(lambda: SyntaxNode, args: readonly Value[]): Value {
    const names: string[] = [];
    const params = child(lambda, "ParamList");
    let afterAssign = false;
    for (let c = params?.firstChild ?? null; c; c = c.nextSibling) {
      if (c.name === "AssignOp") afterAssign = true;
      else if (c.name === ",") afterAssign = false;
      else if (c.name === "VariableName" && !afterAssign) names.push(this.code.slice(c.from, c.to));
    }
    const saved = names.map((n) => this.env.get(n));
    names.forEach((n, i) => this.env.set(n, args[i] ?? EMPTY));
    try {
      const body = lambda.lastChild;
      return body && body.name !== ":" && body.name !== "ParamList" ? this.eval(body) : EMPTY;
    } finally {
      names.forEach((n, i) => {
        const prev = saved[i];
        if (prev) this.env.set(n, prev);
        else this.env.delete(n);
      });
    }
  }
}
