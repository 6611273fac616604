/**
 * Small helpers over @lezer/python syntax nodes. Everything here reads the tree and the source
 * text; nothing allocates more than the few nodes it is asked about.
 */
import type { SyntaxNode } from "@lezer/common";

export type { SyntaxNode };

/** The direct children of a node, in order. */
export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export function text(code: string, node: SyntaxNode): string {
  return code.slice(node.from, node.to);
}

/**
 * The body of a `def`, a decorated definition or a class, with the name it defines; null for other statements.
 * Walkers use it to descend into definitions with the definition's name as the enclosing scope.
 */
export function definitionBody(stmt: SyntaxNode): { body: SyntaxNode | null; name: SyntaxNode | null } | null {
  const inner =
    stmt.name === "FunctionDefinition" || stmt.name === "ClassDefinition"
      ? stmt
      : stmt.name === "DecoratedStatement"
        ? child(stmt, "FunctionDefinition", "ClassDefinition")
        : null;
  return inner ? { body: child(inner, "Body"), name: child(inner, "VariableName") } : null;
}

/** First direct child with one of the given names. */
export function child(node: SyntaxNode, ...names: string[]): SyntaxNode | null {
  for (let c = node.firstChild; c; c = c.nextSibling) if (names.includes(c.name)) return c;
  return null;
}

const PUNCTUATION = new Set(["(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "*", "**"]);

export function isPunctuation(node: SyntaxNode): boolean {
  return PUNCTUATION.has(node.name);
}

export function isError(node: SyntaxNode): boolean {
  return node.type.isError;
}

/** Unwraps `( expr )`. */
export function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.name === "ParenthesizedExpression") {
    const inner = n.firstChild?.nextSibling;
    if (!inner || isPunctuation(inner) || isError(inner)) break;
    n = inner;
  }
  return n;
}

/** One argument of a call. `star` is 1 for `*args`, 2 for `**kwargs`. */
export interface Arg {
  name: string | null;
  value: SyntaxNode;
  star: 0 | 1 | 2;
  /** `f(x := g())`: the name the argument's value is also bound to. */
  binds?: SyntaxNode;
}

/** The arguments of an `ArgList` (or of a `Decorator`'s ArgList). */
export function argList(code: string, list: SyntaxNode | null): Arg[] {
  const out: Arg[] = [];
  if (!list) return out;
  let seg: SyntaxNode[] = [];
  const flush = (): void => {
    const nodes = seg.filter((n) => !isError(n));
    seg = [];
    const first = nodes[0];
    if (!first) return;
    if (first.name === "*" || first.name === "**") {
      const v = nodes[1];
      if (v) out.push({ name: null, value: v, star: first.name === "*" ? 1 : 2 });
      return;
    }
    const second = nodes[1];
    if (first.name === "VariableName" && second?.name === "AssignOp") {
      const v = nodes[2];
      if (v && text(code, second) === ":=") out.push({ name: null, value: v, star: 0, binds: first });
      else if (v) out.push({ name: text(code, first), value: v, star: 0 });
      return;
    }
    out.push({ name: null, value: first, star: 0 });
  };
  for (let c = list.firstChild; c; c = c.nextSibling) {
    const n = c.name;
    if (n === "(" || n === ")") continue;
    if (n === ",") flush();
    else seg.push(c);
  }
  flush();
  return out;
}

/** Positional argument `index`, or the keyword argument `name`. */
export function getArg(args: readonly Arg[], index: number, name?: string): SyntaxNode | null {
  if (name) {
    for (const a of args) if (a.name === name) return a.value;
  }
  if (index < 0) return null;
  let i = 0;
  for (const a of args) {
    if (a.name !== null || a.star) continue;
    if (i === index) return a.value;
    i++;
  }
  return null;
}

export function positional(args: readonly Arg[]): SyntaxNode[] {
  return args.filter((a) => a.name === null && !a.star).map((a) => a.value);
}

/** `a`, `a.b.c` as a dotted string; null for anything else (calls, subscripts…). */
export function dottedName(code: string, node: SyntaxNode): string | null {
  const n = unparen(node);
  if (n.name === "VariableName") return text(code, n);
  if (n.name === "MemberExpression") {
    const obj = n.firstChild;
    const prop = n.lastChild;
    if (!obj || !prop || prop.name !== "PropertyName") return null;
    const base = dottedName(code, obj);
    return base === null ? null : `${base}.${text(code, prop)}`;
  }
  return null;
}

/** The last segment of a dotted name. */
export function lastSegment(name: string): string {
  const i = name.lastIndexOf(".");
  return i < 0 ? name : name.slice(i + 1);
}

/** For a CallExpression: its callee and its ArgList. */
export function callParts(node: SyntaxNode): { callee: SyntaxNode; args: SyntaxNode | null } | null {
  if (node.name !== "CallExpression") return null;
  const callee = node.firstChild;
  if (!callee) return null;
  const args = node.lastChild && node.lastChild.name === "ArgList" ? node.lastChild : null;
  return { callee, args };
}

/** For `obj.prop`: the object and the property's name. */
export function memberParts(code: string, node: SyntaxNode): { object: SyntaxNode; property: string } | null {
  if (node.name !== "MemberExpression") return null;
  const obj = node.firstChild;
  const prop = node.lastChild;
  if (!obj || !prop || prop.name !== "PropertyName") return null;
  return { object: obj, property: text(code, prop) };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };

/** The value of one string token (`'a'`, `r"b"`, `"""c"""`), tolerating a missing end quote. */
function stringTokenValue(raw: string): string {
  let i = 0;
  let isRaw = false;
  while (i < raw.length && /[rRbBuUfF]/.test(raw[i] ?? "")) {
    if (raw[i] === "r" || raw[i] === "R") isRaw = true;
    i++;
  }
  const q = raw[i];
  if (q !== "'" && q !== '"') return raw;
  const triple = raw.startsWith(q.repeat(3), i);
  const open = triple ? 3 : 1;
  let end = raw.length;
  const closer = q.repeat(open);
  if (raw.length - i >= open * 2 && raw.endsWith(closer)) end = raw.length - open;
  const body = raw.slice(i + open, Math.max(i + open, end));
  if (isRaw || !body.includes("\\")) return body;
  return body.replace(/\\(.)/gs, (m, ch: string) => SIMPLE_ESCAPES[ch] ?? m);
}

/**
 * The value of a string literal (also implicit concatenation and parenthesised strings);
 * null when the node is not a plain string. Format strings are handled by the dataflow evaluator.
 */
export function stringValue(code: string, node: SyntaxNode): string | null {
  const n = unparen(node);
  if (n.name === "String") return stringTokenValue(text(code, n));
  if (n.name === "ContinuedString") {
    let s = "";
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name !== "String") return null;
      s += stringTokenValue(text(code, c));
    }
    return s;
  }
  return null;
}

/**
 * A format string's text with each replacement field passed to `field` (which returns the text
 * to put there). Works for `FormatString` and `ContinuedString` mixing both kinds.
 */
export function formatStringValue(
  code: string,
  node: SyntaxNode,
  field: (expr: SyntaxNode | null, raw: string) => string,
): string {
  if (node.name === "String") return stringTokenValue(text(code, node));
  if (node.name === "ContinuedString") {
    let s = "";
    for (let c = node.firstChild; c; c = c.nextSibling) s += formatStringValue(code, c, field);
    return s;
  }
  if (node.name !== "FormatString") return text(code, node);
  // Rebuild the text: literal parts between replacement fields, fields through `field`.
  let out = "";
  let pos = node.from;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== "FormatReplacement") continue;
    out += code.slice(pos, c.from);
    let expr: SyntaxNode | null = null;
    for (let e = c.firstChild; e; e = e.nextSibling) {
      if (e.name !== "{" && e.name !== "}" && !isPunctuation(e)) {
        expr = e;
        break;
      }
    }
    out += field(expr, text(code, c));
    pos = c.to;
  }
  out += code.slice(pos, node.to);
  // Strip the prefix and quotes from the rebuilt text.
  return stringTokenValue(out);
}

/** The nodes of a list, tuple or set display (`[a, b]`, `(a, b)`, `{a, b}`); null for anything else. */
export function sequenceItems(node: SyntaxNode): SyntaxNode[] | null {
  const n = unparen(node);
  if (n.name !== "ArrayExpression" && n.name !== "TupleExpression" && n.name !== "SetExpression") return null;
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (isPunctuation(c) || isError(c)) continue;
    out.push(c);
  }
  return out;
}

/** The `key: value` pairs of a dict display; `**x` entries are skipped. */
export function dictEntries(node: SyntaxNode): Array<{ key: SyntaxNode; value: SyntaxNode }> | null {
  const n = unparen(node);
  if (n.name !== "DictionaryExpression") return null;
  const out: Array<{ key: SyntaxNode; value: SyntaxNode }> = [];
  let seg: SyntaxNode[] = [];
  const flush = (): void => {
    const nodes = seg.filter((x) => !isError(x));
    seg = [];
    if (nodes[0]?.name === "**") return;
    const colon = nodes.findIndex((x) => x.name === ":");
    const key = nodes[colon - 1];
    const value = nodes[colon + 1];
    if (colon > 0 && key && value) out.push({ key, value });
  };
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name === "{" || c.name === "}") continue;
    if (c.name === ",") flush();
    else seg.push(c);
  }
  flush();
  return out;
}

/** A decorator: its dotted name and, when it is called (`@task(task_id="x")`), its arguments. */
export interface DecoratorInfo {
  name: string;
  args: Arg[] | null;
  node: SyntaxNode;
}

export function decoratorInfo(code: string, node: SyntaxNode): DecoratorInfo {
  const parts: string[] = [];
  let args: Arg[] | null = null;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name === "VariableName") parts.push(text(code, c));
    else if (c.name === "ArgList") args = argList(code, c);
    else if (c.name === "CallExpression" || c.name === "MemberExpression" || c.name === "ParenthesizedExpression") {
      // A decorator read as one expression (PEP 614): `@dg.asset(...)` may come as a call of `dg.asset`.
      const call = callParts(c);
      const name = dottedName(code, call ? call.callee : c);
      if (name) parts.push(name);
      if (call?.args) args = argList(code, call.args);
    }
  }
  return { name: parts.join("."), args, node };
}

/** Statements of a `Body` node (or of the `Script`). `StatementGroup`s (`a; b`) are flattened. */
export function statements(body: SyntaxNode | null): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  if (!body) return out;
  for (let c = body.firstChild; c; c = c.nextSibling) {
    if (c.name === ":") continue;
    if (c.name === "StatementGroup") {
      for (let s = c.firstChild; s; s = s.nextSibling) if (s.name !== ";") out.push(s);
    } else out.push(c);
  }
  return out;
}

/**
 * The bodies nested directly in a compound statement other than a definition: the branches of
 * `if`/`elif`/`else`, a loop's body and its `else`, `with`, `try`/`except`/`else`/`finally`, the cases of `match`.
 */
export function nestedBodies(stmt: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = stmt.firstChild; c; c = c.nextSibling) {
    if (c.name === "Body") out.push(c);
    else if (c.name === "MatchBody") {
      for (let m = c.firstChild; m; m = m.nextSibling) {
        const body = m.name === "MatchClause" ? child(m, "Body") : null;
        if (body) out.push(body);
      }
    }
  }
  return out;
}

/** Returned by a `walkStatements` visitor: do not descend into this statement's bodies. */
export const SKIP: unique symbol = Symbol("walkStatements.skip");

/**
 * The one statement walker of the visualizer: visits the statements of `container` (a `Body` or the `Script`) in
 * source order, `a; b` groups flattened, and descends into nested bodies — compound statements' bodies (see
 * `nestedBodies`) and the bodies of `def`, decorated definitions and `class`. `visit` returns the scope the
 * statement's bodies are walked with: `undefined` keeps the current one, a value replaces it (for example the
 * name of the function being entered), `SKIP` does not descend. `depth` is 0 for the statements of `container`.
 */
export function walkStatements<S>(
  container: SyntaxNode | null,
  scope: S,
  visit: (stmt: SyntaxNode, scope: S, depth: number) => S | typeof SKIP | undefined,
  maxDepth = 60,
): void {
  const walk = (body: SyntaxNode | null, current: S, depth: number): void => {
    if (!body || depth > maxDepth) return;
    for (const stmt of statements(body)) {
      const next = visit(stmt, current, depth);
      if (next === SKIP) continue;
      const inner = next === undefined ? current : next;
      const definition = definitionBody(stmt);
      if (definition) walk(definition.body, inner, depth + 1);
      else for (const b of nestedBodies(stmt)) walk(b, inner, depth + 1);
    }
  };
  walk(container, scope, 0);
}

/**
 * An `AssignStatement`: its target lists (`a, b = x = …` gives [[a, b], [x]]) and the
 * right-hand side expressions (more than one for `x = a, b`). `annotated` for `x: T = …`.
 */
export function assignParts(node: SyntaxNode): { targets: SyntaxNode[][]; values: SyntaxNode[]; annotated: boolean } {
  let annotated = false;
  let sawOp = false;
  const groups: SyntaxNode[][] = [[]];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name === "AssignOp") {
      sawOp = true;
      groups.push([]);
      continue;
    }
    if (c.name === "TypeDef") {
      annotated = true;
      continue;
    }
    if (c.name === "," || isError(c)) continue;
    groups[groups.length - 1]?.push(c);
  }
  if (!sawOp) return { targets: groups, values: [], annotated };
  const values = groups.pop() ?? [];
  return { targets: groups, values, annotated };
}

/** Collapses whitespace and shortens long text for labels. */
export function shortText(s: string, max = 80): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
