/**
 * Kedro: a small evaluator of the parts of a script that build pipelines — `node(…)`/`Node(…)`,
 * `pipeline(…)`/`Pipeline(…)` (with namespaces and mappings), `+`, `sum(…)`, lists, dicts, `dict(…)`, f-strings,
 * module constants, comprehensions and `for` loops over known lists (unrolled), and calls of the script's own
 * functions with their arguments (each distinct call read once; the calls themselves are in kedro-calls.ts). What
 * it cannot know is "unknown" and draws nothing.
 *
 * While it reads, it records where nodes come from: each top-level function and module-level variable holding a
 * pipeline is a source; a node belongs to the outermost source it reached (its group), and a source read by
 * another expression is consumed (drawn as part of what reads it, not on its own).
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import type { FunctionInfo } from "../module-index";
import {
  SKIP,
  assignParts,
  dictEntries,
  dottedName,
  formatStringValue,
  isPunctuation,
  stringValue,
  unparen,
  walkStatements,
  type Arg,
} from "../syntax";
import { evalCall } from "./kedro-calls";
import { NONE, UNKNOWN, addValues, iterItems, nodesOf, type KValue, type PipelineSource } from "./kedro-values";

const MAX_DEPTH = 80;
const MAX_UNROLL = 100;
const MAX_CALLS = 2000;

/** A function's (or the module's) variables while it runs, and what it returned. */
export interface Frame {
  vars: Map<string, KValue>;
  fn: FunctionInfo | null;
  returned: KValue | null;
}

export class KedroEvaluator {
  readonly module: Frame = { vars: new Map(), fn: null, returned: null };
  /** Module-level variables holding pipelines. */
  readonly variableSources = new Map<string, PipelineSource>();
  readonly functionSources = new Map<FunctionInfo, PipelineSource>();
  /** Top-level functions by name, in source order (Python calls the last one defined). */
  readonly topFunctions = new Map<string, FunctionInfo[]>();
  /** Pipelines of module-level expressions (`pipeline([...])` on its own). */
  readonly looseValues: KValue[] = [];
  private readonly memo = new Map<FunctionInfo, Map<string, KValue>>();
  private readonly active = new Set<FunctionInfo>();
  private readonly objectIds = new WeakMap<object, number>();
  private lastObjectId = 0;
  private depth = 0;
  private calls = 0;

  constructor(readonly ctx: Ctx) {
    for (const f of ctx.index.allFunctions) {
      if (!f.topLevel) continue;
      const list = this.topFunctions.get(f.name) ?? [];
      list.push(f);
      this.topFunctions.set(f.name, list);
    }
  }

  // ---- sources ----

  sourceOf(fn: FunctionInfo): PipelineSource {
    let s = this.functionSources.get(fn);
    if (!s) {
      s = { name: fn.name, label: fn.name, at: fn.declaration, definition: fn.definition, consumed: false };
      this.functionSources.set(fn, s);
    }
    return s;
  }

  private claim(value: KValue, source: PipelineSource): void {
    for (const n of nodesOf(value)) n.origin = source;
  }

  // ---- statements ----

  /** Reads the module's top-level statements (function bodies are read when called). */
  runModule(): void {
    this.run(this.ctx.tree.topNode, this.module);
  }

  private run(body: SyntaxNode | null, frame: Frame): void {
    walkStatements<Frame>(body, frame, (stmt, f) => this.exec(stmt, f), MAX_DEPTH);
  }

  private exec(stmt: SyntaxNode, frame: Frame): Frame | typeof SKIP | undefined {
    if (frame.returned) return SKIP;
    switch (stmt.name) {
      case "AssignStatement":
        this.assign(stmt, frame);
        return SKIP;
      case "UpdateStatement": {
        const target = stmt.firstChild;
        const op = target?.nextSibling;
        const value = op?.nextSibling;
        if (target?.name === "VariableName" && value && op && this.ctx.text(op) === "+=") {
          const name = this.ctx.text(target);
          this.bindName(name, addValues(this.lookup(name, frame), this.eval(value, frame)), frame);
        }
        return SKIP;
      }
      case "ExpressionStatement":
        for (let c = stmt.firstChild; c; c = c.nextSibling) {
          if (isPunctuation(c)) continue;
          const v = this.eval(c, frame);
          if (frame === this.module && (v.k === "pipe" || v.k === "node")) this.looseValues.push(v);
        }
        return SKIP;
      case "ReturnStatement": {
        let value: KValue = NONE;
        for (let c = stmt.firstChild; c; c = c.nextSibling) if (c.name !== "return" && !isPunctuation(c)) value = this.eval(c, frame);
        frame.returned = value;
        return SKIP;
      }
      case "ForStatement":
        this.forLoop(stmt, frame);
        return SKIP;
      case "FunctionDefinition":
      case "DecoratedStatement":
      case "ClassDefinition":
        return SKIP;
      default:
        return undefined; // if/with/try/while bodies: read in order
    }
  }

  private assign(stmt: SyntaxNode, frame: Frame): void {
    const { targets, values } = assignParts(stmt);
    if (!values.length) return;
    const value: KValue =
      values.length === 1 && values[0] ? this.eval(values[0], frame) : { k: "list", items: values.map((v) => this.eval(v, frame)) };
    for (const group of targets) {
      if (group.length === 1 && group[0]) this.bind(group[0], value, frame, stmt);
      else this.bindSequence(group, value, frame);
    }
  }

  private bind(target: SyntaxNode, value: KValue, frame: Frame, at: SyntaxNode | null = null): void {
    const t = unparen(target);
    if (t.name === "VariableName") {
      this.bindName(this.ctx.text(t), value, frame, at);
      return;
    }
    if (t.name === "TupleExpression" || t.name === "ArrayExpression") {
      this.bindSequence(kidsOf(t), value, frame);
      return;
    }
    // `pipes["__default__"] = …`
    if (t.name === "MemberExpression" && t.firstChild && t.firstChild.nextSibling?.name === "[") {
      const obj = this.eval(t.firstChild, frame);
      const key = t.firstChild.nextSibling.nextSibling;
      const k = key ? this.eval(key, frame) : UNKNOWN;
      if (obj.k === "dict" && k.k === "str") obj.entries.set(k.v, value);
    }
  }

  private bindSequence(targets: readonly SyntaxNode[], value: KValue, frame: Frame): void {
    const items = value.k === "list" && value.items.length === targets.length ? value.items : null;
    targets.forEach((t, i) => this.bind(t, items?.[i] ?? UNKNOWN, frame));
  }

  private bindName(name: string, value: KValue, frame: Frame, at: SyntaxNode | null = null): void {
    frame.vars.set(name, value);
    if (frame !== this.module) return;
    if (value.k !== "pipe") {
      this.variableSources.delete(name);
      return;
    }
    const source = this.variableSources.get(name) ?? { name, label: name, at: at ?? this.ctx.tree.topNode, definition: null, consumed: false };
    source.consumed = false;
    this.variableSources.set(name, source);
    this.claim(value, source);
  }

  private forLoop(stmt: SyntaxNode, frame: Frame): void {
    const targets: SyntaxNode[] = [];
    let iter: SyntaxNode | null = null;
    let body: SyntaxNode | null = null;
    let phase = 0;
    for (let c = stmt.firstChild; c; c = c.nextSibling) {
      if (c.name === "for") phase = 1;
      else if (c.name === "in" && phase === 1) phase = 2;
      else if (c.name === "Body") {
        body ??= c;
        phase = 3;
      } else if (!isPunctuation(c) && phase === 1) targets.push(c);
      else if (!isPunctuation(c) && phase === 2) iter = c;
    }
    const items = iter ? iterItems(this.eval(iter, frame)) : null;
    const rounds = items && items.length <= MAX_UNROLL ? items : [UNKNOWN];
    for (const item of rounds) {
      if (targets.length === 1 && targets[0]) this.bind(targets[0], item, frame);
      else this.bindSequence(targets, item, frame);
      this.run(body, frame);
      if (frame.returned) return;
    }
  }

  // ---- names ----

  lookup(name: string, frame: Frame): KValue {
    const local = frame.vars.get(name);
    if (local && frame !== this.module) return local;
    const global = this.module.vars.get(name);
    if (global) {
      const source = this.variableSources.get(name);
      if (source) source.consumed = true;
      return global;
    }
    const constant = this.ctx.index.constants.get(name);
    return constant ? this.eval(constant, this.module) : UNKNOWN;
  }

  // ---- expressions ----

  eval(node: SyntaxNode, frame: Frame): KValue {
    if (this.depth > MAX_DEPTH) return UNKNOWN;
    this.depth++;
    try {
      return this.evalInner(node, frame);
    } finally {
      this.depth--;
    }
  }

  private evalInner(node: SyntaxNode, frame: Frame): KValue {
    const code = this.ctx.code;
    switch (node.name) {
      case "String":
      case "ContinuedString": {
        const s = stringValue(code, node);
        return s === null ? this.format(node, frame) : { k: "str", v: s };
      }
      case "FormatString":
        return this.format(node, frame);
      case "None":
        return NONE;
      case "VariableName":
        return this.lookup(this.ctx.text(node), frame);
      case "ParenthesizedExpression": {
        const inner = node.firstChild?.nextSibling;
        return inner && !isPunctuation(inner) ? this.eval(inner, frame) : UNKNOWN;
      }
      case "ArrayExpression":
      case "TupleExpression":
      case "SetExpression":
        return { k: "list", items: kidsOf(node).map((c) => this.eval(c, frame)) };
      case "DictionaryExpression": {
        const entries = new Map<string, KValue>();
        for (const e of dictEntries(node) ?? []) {
          const key = this.eval(e.key, frame);
          if (key.k === "str") entries.set(key.v, this.eval(e.value, frame));
        }
        return { k: "dict", entries };
      }
      case "ArrayComprehensionExpression":
      case "SetComprehensionExpression":
      case "ComprehensionExpression":
        return this.comprehension(kidsOf(node), frame, false);
      case "DictionaryComprehensionExpression":
        return this.comprehension(kidsOf(node), frame, true);
      case "BinaryExpression": {
        const left = node.firstChild;
        const op = left?.nextSibling;
        const right = op?.nextSibling;
        if (!left || !op || !right) return UNKNOWN;
        const o = this.ctx.text(op);
        return o === "+" || o === "|" ? addValues(this.eval(left, frame), this.eval(right, frame)) : UNKNOWN;
      }
      case "MemberExpression":
        return this.member(node, frame);
      case "CallExpression":
        return evalCall(this, node, frame);
      default:
        return UNKNOWN;
    }
  }

  private format(node: SyntaxNode, frame: Frame): KValue {
    let known = true;
    const s = formatStringValue(this.ctx.code, node, (expr, raw) => {
      const v = expr ? this.eval(expr, frame) : UNKNOWN;
      if (v.k === "str") return v.v;
      known = false;
      return raw;
    });
    return known ? { k: "str", v: s } : UNKNOWN;
  }

  private member(node: SyntaxNode, frame: Frame): KValue {
    const obj = node.firstChild;
    if (!obj) return UNKNOWN;
    if (obj.nextSibling?.name === "[") {
      const keyNode = obj.nextSibling.nextSibling;
      const v = this.eval(obj, frame);
      const key = keyNode ? this.eval(keyNode, frame) : UNKNOWN;
      if (v.k === "dict" && key.k === "str") return v.entries.get(key.v) ?? UNKNOWN;
      return UNKNOWN;
    }
    const dotted = dottedName(this.ctx.code, node);
    const constant = dotted ? this.ctx.index.constants.get(dotted) : undefined;
    return constant ? this.eval(constant, this.module) : UNKNOWN;
  }

  /** `[expr for x in items]`, `(expr for …)`, `{k: v for …}`: unrolled over a known iterable. */
  comprehension(parts: SyntaxNode[], frame: Frame, isDict: boolean): KValue {
    const forAt = parts.findIndex((p) => p.name === "for");
    const inAt = parts.findIndex((p, i) => i > forAt && p.name === "in");
    if (forAt < 1 || inAt < 0) return UNKNOWN;
    const head = parts.slice(0, forAt);
    const targets = parts.slice(forAt + 1, inAt);
    const iter = parts[inAt + 1];
    const items = iter ? iterItems(this.eval(iter, frame)) : null;
    const rounds = items && items.length <= MAX_UNROLL ? items : [UNKNOWN];
    const names = targets.filter((t) => t.name === "VariableName").map((t) => this.ctx.text(t));
    const saved = names.map((n) => frame.vars.get(n));
    const out: KValue[] = [];
    const entries = new Map<string, KValue>();
    for (const item of rounds) {
      if (targets.length === 1 && targets[0]) this.bind(targets[0], item, frame);
      else this.bindSequence(targets, item, frame);
      if (isDict) {
        const key = head[0] ? this.eval(head[0], frame) : UNKNOWN;
        if (key.k === "str" && head[1]) entries.set(key.v, this.eval(head[1], frame));
      } else if (head[0]) out.push(this.eval(head[0], frame));
    }
    names.forEach((n, i) => {
      const prev = saved[i];
      if (prev) frame.vars.set(n, prev);
      else frame.vars.delete(n);
    });
    return isDict ? { k: "dict", entries } : { k: "list", items: out };
  }

  /** Set by the reader: the module a function comes from in a file of several modules pasted together. */
  moduleMarker: ((fn: FunctionInfo) => string | null) | null = null;

  /** Calls a script function with the values of `args`; each distinct call is read once. */
  callFunction(fn: FunctionInfo, args: readonly Arg[], caller: Frame | null): KValue {
    if (caller && caller.fn !== fn) this.sourceOf(fn).consumed = true;
    const bound = new Map<string, KValue>();
    const params = fn.params.filter((p) => p !== "self");
    let i = 0;
    for (const a of args) {
      if (a.star) continue;
      const name = a.name ?? params[i++];
      if (name) bound.set(name, caller ? this.eval(a.value, caller) : UNKNOWN);
    }
    const key = [...bound].map(([k, v]) => `${k}=${this.keyOf(v)}`).join(",");
    const memo = this.memo.get(fn) ?? new Map<string, KValue>();
    this.memo.set(fn, memo);
    const hit = memo.get(key);
    if (hit) return hit;
    if (this.active.has(fn) || this.calls++ > MAX_CALLS) return UNKNOWN;
    this.active.add(fn);
    const frame: Frame = { vars: bound, fn, returned: null };
    try {
      this.run(fn.body, frame);
    } finally {
      this.active.delete(fn);
    }
    const value = frame.returned ?? NONE;
    if (fn.name !== "register_pipelines") this.claim(value, this.sourceOf(fn));
    memo.set(key, value);
    return value;
  }

  private keyOf(v: KValue): string {
    if (v.k === "str") return JSON.stringify(v.v);
    if (v.k === "none" || v.k === "unknown") return v.k;
    let id = this.objectIds.get(v);
    if (id === undefined) {
      id = ++this.lastObjectId;
      this.objectIds.set(v, id);
    }
    return `#${id}`;
  }

}

/** The children of a display, a comprehension or an argument list, without brackets, commas and colons. */
export function kidsOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (!isPunctuation(c)) out.push(c);
  return out;
}

/** `f(x for x in y)`: the generator's parts, when the call's only argument is one. */
export function generatorArg(args: SyntaxNode): SyntaxNode[] | null {
  const parts = kidsOf(args);
  return parts.some((p) => p.name === "for") ? parts : null;
}
