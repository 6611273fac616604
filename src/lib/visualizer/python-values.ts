/**
 * Known values of Python expressions, for the dataflow walker: what a string, number, list, dict or comparison
 * evaluates to when every part of it is known (literals, module constants, loop variables over literals), so that
 * `f"load_{table}"`, `"follow_" + option`, `"t_%02d" % i`, `"{}_{}".format(a, b)`, `range(3)`, `enumerate(xs)`,
 * `zip(a, b)` and `d.items()` give the values Python would. Pure functions over `Value`; nothing here reads the tree
 * except `literalValue`, which reads literal syntax only (it never evaluates a call).
 *
 * A string built from parts some of which are unknown has no `str`; its `text` shows the unknown parts as `{expr}`
 * (`follow_{option}`), for labels. Floats are left unknown (Python prints `2.0` where JavaScript prints `2`).
 */
import type { SyntaxNode } from "@lezer/common";
import type { Value } from "./dataflow";
import { isError, isPunctuation, stringValue } from "./syntax";

/** Longest list a known value may hold (`range(10**6)` stays unknown rather than allocating). */
export const MAX_KNOWN_ITEMS = 1000;
/** Longest string a known value may hold. */
const MAX_KNOWN_STRING = 10_000;

const NONE: Value = Object.freeze({ refs: Object.freeze([]) as readonly string[] }) as Value;

export function strValue(s: string, refs: readonly string[] = []): Value {
  return s.length <= MAX_KNOWN_STRING ? { refs, str: s } : { refs };
}

/** A string built with unknown parts (`load_{table}`), for labels; dropped past the length a known string may have. */
export function textValue(t: string, refs: readonly string[] = []): Value {
  return t.length <= MAX_KNOWN_STRING ? { refs, text: t } : { refs };
}

export function numValue(n: number, refs: readonly string[] = []): Value {
  return Number.isSafeInteger(n) ? { refs, num: n } : { refs };
}

export function boolValue(b: boolean, refs: readonly string[] = []): Value {
  return { refs, bool: b };
}

/** Union of the refs of several values, in first-seen order. */
export function refsOf(values: readonly Value[]): readonly string[] {
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
  return merged ? [...merged] : (first ?? []);
}

/** A list (or tuple) of known items; its refs are the union of theirs. Unknown past MAX_KNOWN_ITEMS. */
export function listValue(items: Value[]): Value {
  if (items.length > MAX_KNOWN_ITEMS) return { refs: refsOf(items) };
  return { refs: refsOf(items), items };
}

function isScalar(v: Value): boolean {
  return v.str !== undefined || v.num !== undefined || v.bool !== undefined;
}

/** Python's `str(v)` for a known scalar. */
export function pyStr(v: Value): string | undefined {
  if (v.str !== undefined) return v.str;
  if (v.num !== undefined) return String(v.num);
  if (v.bool !== undefined) return v.bool ? "True" : "False";
  return undefined;
}

/** Python's `repr(v)` for a known scalar. */
function pyRepr(v: Value): string | undefined {
  if (v.str !== undefined) return v.str.includes("'") && !v.str.includes('"') ? `"${v.str}"` : `'${v.str.replace(/'/g, "\\'")}'`;
  return pyStr(v);
}

/** The text to show for a value in a label: known, or built with `{expr}` placeholders; undefined when nothing. */
export function displayText(v: Value): string | undefined {
  return pyStr(v) ?? v.text;
}

/** Python truthiness of a known value; undefined when unknown. */
export function truth(v: Value): boolean | undefined {
  if (v.bool !== undefined) return v.bool;
  if (v.num !== undefined) return v.num !== 0;
  if (v.str !== undefined) return v.str.length > 0;
  if (v.items) return v.items.length > 0;
  return undefined;
}

function sameScalar(a: Value, b: Value): boolean | undefined {
  if (a.str !== undefined && b.str !== undefined) return a.str === b.str;
  const an = a.num ?? (a.bool === undefined ? undefined : Number(a.bool));
  const bn = b.num ?? (b.bool === undefined ? undefined : Number(b.bool));
  if (an !== undefined && bn !== undefined) return an === bn;
  if (isScalar(a) && isScalar(b)) return false; // a string is never equal to a number
  return undefined;
}

function contains(container: Value, item: Value): boolean | undefined {
  if (container.str !== undefined && item.str !== undefined) return container.str.includes(item.str);
  const list = container.entries ? container.entries.map((e) => e.key) : container.items;
  if (!list || !isScalar(item)) return undefined;
  let unknown = false;
  for (const x of list) {
    const same = sameScalar(x, item);
    if (same) return true;
    if (same === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function compare(op: string, a: Value, b: Value): boolean | undefined {
  if (op === "==" || op === "!=") {
    const same = sameScalar(a, b);
    return same === undefined ? undefined : op === "==" ? same : !same;
  }
  let x: number | string | undefined;
  let y: number | string | undefined;
  if (a.num !== undefined && b.num !== undefined) [x, y] = [a.num, b.num];
  else if (a.str !== undefined && b.str !== undefined) [x, y] = [a.str, b.str];
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case "<":
      return x < y;
    case ">":
      return x > y;
    case "<=":
      return x <= y;
    case ">=":
      return x >= y;
    default:
      return undefined;
  }
}

function floorDiv(a: number, b: number): number | undefined {
  return b === 0 ? undefined : Math.floor(a / b);
}

function pyMod(a: number, b: number): number | undefined {
  return b === 0 ? undefined : ((a % b) + b) % b;
}

/**
 * `l op r` when the operands are known: arithmetic on integers, `+`/`*` on strings and lists, `%` formatting,
 * comparisons, `in`, `and`/`or`. `lText`/`rText` are the operands' source, for placeholders in `text`.
 * Returns the known parts to add to the value (refs are the caller's), or null.
 */
export function knownBinary(op: string, l: Value, r: Value, lText: string, rText: string): Partial<Value> | null {
  switch (op) {
    case "+": {
      if (l.num !== undefined && r.num !== undefined) return numValue(l.num + r.num);
      if (l.str !== undefined && r.str !== undefined) return strValue(l.str + r.str);
      if (l.items && r.items) return listValue([...l.items, ...r.items]);
      const ls = l.str ?? l.text;
      const rs = r.str ?? r.text;
      if (ls !== undefined || rs !== undefined) {
        if ((ls === undefined && isScalar(l)) || (rs === undefined && isScalar(r))) return null;
        return textValue(`${ls ?? `{${lText}}`}${rs ?? `{${rText}}`}`);
      }
      return null;
    }
    case "-":
      return l.num !== undefined && r.num !== undefined ? numValue(l.num - r.num) : null;
    case "*":
      if (l.num !== undefined && r.num !== undefined) return numValue(l.num * r.num);
      if (l.str !== undefined && r.num !== undefined && l.str.length * Math.max(0, r.num) <= MAX_KNOWN_STRING) return strValue(l.str.repeat(Math.max(0, r.num)));
      if (l.items && r.num !== undefined && l.items.length * Math.max(0, r.num) <= MAX_KNOWN_ITEMS) {
        const items: Value[] = [];
        for (let i = 0; i < r.num; i++) items.push(...l.items);
        return listValue(items);
      }
      return null;
    case "//": {
      const n = l.num !== undefined && r.num !== undefined ? floorDiv(l.num, r.num) : undefined;
      return n === undefined ? null : numValue(n);
    }
    case "%": {
      if (l.num !== undefined && r.num !== undefined) {
        const n = pyMod(l.num, r.num);
        return n === undefined ? null : numValue(n);
      }
      if (l.str !== undefined) return printf(l.str, r, rText);
      return null;
    }
    case "**":
      return l.num !== undefined && r.num !== undefined && r.num >= 0 ? numValue(l.num ** r.num) : null;
    case "==":
    case "!=":
    case "<":
    case ">":
    case "<=":
    case ">=": {
      const b = compare(op, l, r);
      return b === undefined ? null : boolValue(b);
    }
    case "in":
    case "not in": {
      const b = contains(r, l);
      return b === undefined ? null : boolValue(op === "in" ? b : !b);
    }
    case "and": {
      const t = truth(l);
      if (t === false) return boolValue(false);
      const u = truth(r);
      return t === true && u !== undefined ? boolValue(u) : null;
    }
    case "or": {
      const t = truth(l);
      if (t === true) return boolValue(true);
      const u = truth(r);
      return t === false && u !== undefined ? boolValue(u) : null;
    }
    default:
      return null;
  }
}

export function knownUnary(op: string, v: Value): Partial<Value> | null {
  if (op === "not") {
    const t = truth(v);
    return t === undefined ? null : boolValue(!t);
  }
  if (op === "-" && v.num !== undefined) return numValue(-v.num);
  if (op === "+" && v.num !== undefined) return numValue(v.num);
  return null;
}

// ---- formatting ----

/** Python's format-spec mini-language for a known scalar (`02d`, `>8`, `.2f`, `x`…); undefined when unsupported. */
export function formatSpec(v: Value, spec: string): string | undefined {
  if (spec === "") return pyStr(v);
  const m = /^(?:(.)?([<>^=]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdoxXsn%eEfFgG])?$/s.exec(spec);
  if (!m) return undefined;
  const [, fillCh, alignCh, sign, , zero, widthS, grouping, precS, type] = m;
  let body: string;
  let numeric = false;
  if (v.str !== undefined) {
    if (type && type !== "s") return undefined;
    body = precS !== undefined ? v.str.slice(0, Number(precS)) : v.str;
  } else {
    const n = v.num ?? (v.bool === undefined ? undefined : Number(v.bool));
    if (n === undefined) return undefined;
    numeric = true;
    const abs = Math.abs(n);
    switch (type ?? "d") {
      case "d":
      case "n":
        body = String(abs);
        break;
      case "x":
        body = abs.toString(16);
        break;
      case "X":
        body = abs.toString(16).toUpperCase();
        break;
      case "o":
        body = abs.toString(8);
        break;
      case "b":
        body = abs.toString(2);
        break;
      case "f":
      case "F":
        body = abs.toFixed(precS !== undefined ? Number(precS) : 6);
        break;
      default:
        return undefined;
    }
    if (grouping) body = body.replace(/\B(?=(\d{3})+(?!\d))/g, grouping);
    const signText = n < 0 ? "-" : sign === "+" ? "+" : sign === " " ? " " : "";
    body = signText + body;
  }
  const width = widthS ? Number(widthS) : 0;
  if (body.length >= width) return body;
  const pad = width - body.length;
  if (zero && !alignCh && numeric) {
    const signLen = /^[+\- ]/.test(body) ? 1 : 0;
    return body.slice(0, signLen) + "0".repeat(pad) + body.slice(signLen);
  }
  const fill = fillCh ?? (zero && !alignCh ? "0" : " ");
  const align = alignCh ?? (numeric ? ">" : "<");
  if (align === "<") return body + fill.repeat(pad);
  if (align === ">" || align === "=") return fill.repeat(pad) + body;
  const left = Math.floor(pad / 2);
  return fill.repeat(left) + body + fill.repeat(pad - left);
}

/** One replacement field of an f-string or `str.format`: `!r`/`!s` conversion, then the format spec. */
export function formatField(v: Value, conversion: string, spec: string): string | undefined {
  if (conversion === "r") {
    const r = pyRepr(v);
    return r === undefined ? undefined : formatSpec(strValue(r), spec);
  }
  return formatSpec(v, spec);
}

/** `fmt % args` (printf-style): `%s`, `%d`, `%05d`, `%(name)s`, `%%`… */
function printf(fmt: string, args: Value, argsText: string): Partial<Value> | null {
  const positional = args.items && !args.entries ? args.items : [args];
  let k = 0;
  let unknown = false;
  let failed = false;
  const out = fmt.replace(/%(?:\(([^)]*)\))?([#0\- +]*)(\d+|\*)?(?:\.(\d+))?([sdirfFxXoc%])/g, (whole, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === "%") return "%";
    let v: Value | undefined;
    if (key !== undefined) v = args.entries?.find((e) => e.key.str === key)?.value;
    else v = positional[k++];
    if (!v) {
      failed = key === undefined && !!args.items;
      unknown = true;
      return `{${argsText}}`;
    }
    const left = flags.includes("-");
    const type = conv === "i" || conv === "u" ? "d" : conv === "s" || conv === "r" ? "" : conv;
    const spec = `${left ? "<" : ""}${flags.includes("+") ? "+" : ""}${flags.includes("0") && !left && type ? "0" : ""}${width && width !== "*" ? width : ""}${prec ? `.${prec}` : ""}${type}`;
    const text = conv === "c" ? undefined : formatField(v, conv === "r" ? "r" : "", spec);
    if (text === undefined) {
      unknown = true;
      return v.text ?? `{${argsText}}`;
    }
    return text;
  });
  if (failed) return null;
  return unknown ? textValue(out) : strValue(out);
}

/** `fmt.format(*args, **kwargs)` with known or partly known arguments. */
function strFormat(fmt: string, args: Value[], kwargs: Map<string, Value>): Partial<Value> | null {
  let auto = 0;
  let unknown = false;
  let bad = false;
  const out = fmt.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (whole, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    const name = (field ?? "").trim();
    let v: Value | undefined;
    if (name === "") v = args[auto++];
    else if (/^\d+$/.test(name)) v = args[Number(name)];
    else if (/^\w+$/.test(name)) v = kwargs.get(name);
    else bad = true;
    const text = v ? formatField(v, conv ?? "", spec ?? "") : undefined;
    if (text === undefined) {
      unknown = true;
      return v?.text ?? `{${name}}`;
    }
    return text;
  });
  if (bad) return null;
  return unknown ? textValue(out) : strValue(out);
}

// ---- calls ----

export interface KnownArg {
  name: string | null;
  star: 0 | 1 | 2;
  value: Value;
}

function positionalValues(args: readonly KnownArg[]): Value[] | null {
  const out: Value[] = [];
  for (const a of args) {
    if (a.name !== null || a.star === 2) continue;
    if (a.star === 1) {
      if (!a.value.items) return null;
      out.push(...a.value.items);
    } else out.push(a.value);
  }
  return out;
}

/** The elements a `for` over a known value visits: a dict's keys, a list's items, a string's characters. */
export function iterate(v: Value): Value[] | undefined {
  if (v.entries) return v.entries.map((e) => e.key);
  if (v.items) return v.items;
  if (v.str !== undefined && v.str.length <= MAX_KNOWN_ITEMS) return [...v.str].map((c) => strValue(c));
  return undefined;
}

function rangeValue(nums: number[]): Value | null {
  if (nums.length === 0 || nums.length > 3) return null;
  const [start, stop, step] = nums.length === 1 ? [0, nums[0] ?? 0, 1] : [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 1];
  if (step === 0) return null;
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > MAX_KNOWN_ITEMS) return null;
  const items: Value[] = [];
  for (let i = 0; i < count; i++) items.push(numValue(start + i * step));
  return { refs: [], items };
}

function sortKey(v: Value): string | number | undefined {
  return v.str ?? v.num;
}

/** A call of a builtin on known values: `str`, `int`, `len`, `range`, `enumerate`, `zip`, `list`, `sorted`… */
export function knownBuiltin(name: string, args: readonly KnownArg[]): Value | null {
  const pos = positionalValues(args);
  if (!pos) return null;
  const kw = (n: string) => args.find((a) => a.name === n)?.value;
  const first = pos[0];
  switch (name) {
    case "str": {
      if (!first) return strValue("");
      const s = pyStr(first);
      return s !== undefined ? strValue(s, first.refs) : first.text !== undefined ? { refs: first.refs, text: first.text } : null;
    }
    case "int": {
      if (first?.num !== undefined) return numValue(first.num, first.refs);
      if (first?.str !== undefined && /^\s*[-+]?\d+\s*$/.test(first.str)) return numValue(Number(first.str), first.refs);
      return null;
    }
    case "len": {
      const it = first && (first.entries ?? first.items ?? (first.str !== undefined ? [...first.str] : undefined));
      return it ? numValue(it.length) : null;
    }
    case "range": {
      const nums = pos.map((p) => p.num);
      return nums.every((n): n is number => n !== undefined) ? rangeValue(nums) : null;
    }
    case "enumerate": {
      const it = first && iterate(first);
      const start = (pos[1] ?? kw("start"))?.num ?? 0;
      if (!it || !first) return null;
      return listValue(it.map((v, i) => ({ refs: v.refs, items: [numValue(start + i), v] })));
    }
    case "zip": {
      const lists = pos.map(iterate);
      if (!lists.length || lists.some((l) => !l)) return null;
      const n = Math.min(...lists.map((l) => l?.length ?? 0));
      const items: Value[] = [];
      for (let i = 0; i < n; i++) {
        const tuple = lists.map((l) => l?.[i] ?? NONE);
        items.push({ refs: refsOf(tuple), items: tuple });
      }
      return listValue(items);
    }
    case "list":
    case "tuple":
    case "set":
    case "frozenset": {
      if (!first) return { refs: [], items: [] };
      const it = iterate(first);
      return it ? listValue(it) : null;
    }
    case "reversed": {
      const it = first && iterate(first);
      return it ? listValue([...it].reverse()) : null;
    }
    case "sorted": {
      const it = first && iterate(first);
      if (!it || !it.every((v) => sortKey(v) !== undefined)) return null;
      const sorted = [...it].sort((a, b) => {
        const x = sortKey(a) as string | number;
        const y = sortKey(b) as string | number;
        return x < y ? -1 : x > y ? 1 : 0;
      });
      if (kw("reverse")?.bool) sorted.reverse();
      return listValue(sorted);
    }
    case "dict": {
      // dict(a=1, b=2) and dict(pairs)
      const entries: Array<{ key: Value; value: Value }> = [];
      if (first) {
        const pairs = iterate(first);
        if (!pairs) return null;
        for (const p of pairs) {
          const [k, v] = p.items ?? [];
          if (!k || !v || p.items?.length !== 2) return null;
          entries.push({ key: k, value: v });
        }
      }
      for (const a of args) if (a.name !== null && !a.star) entries.push({ key: strValue(a.name), value: a.value });
      if (args.some((a) => a.star === 2)) return null;
      return dictValue(entries);
    }
    default:
      return null;
  }
}

/** A dict of known entries; its refs are those of its keys and values. Unknown past MAX_KNOWN_ITEMS. */
export function dictValue(entries: Array<{ key: Value; value: Value }>): Value {
  const refs = refsOf(entries.flatMap((e) => [e.key, e.value]));
  if (entries.length > MAX_KNOWN_ITEMS) return { refs };
  return { refs, entries, items: entries.map((e) => e.key) };
}

/** `obj[key] = value` on a known dict (the entry replaced or added) or list (a known index replaced). */
export function withItem(obj: Value, key: Value, value: Value): Value | undefined {
  if (obj.entries) {
    if (!isScalar(key)) return undefined;
    const entries = obj.entries.filter((e) => sameScalar(e.key, key) !== true);
    if (entries.length !== obj.entries.length && obj.entries.some((e) => sameScalar(e.key, key) === undefined)) return undefined;
    return dictValue([...entries, { key, value }]);
  }
  if (obj.items && key.num !== undefined) {
    const i = key.num < 0 ? key.num + obj.items.length : key.num;
    if (i < 0 || i >= obj.items.length) return undefined;
    const items = [...obj.items];
    items[i] = value;
    return listValue(items);
  }
  return undefined;
}

function dictGet(dict: Value, key: Value): Value | undefined {
  if (!dict.entries) return undefined;
  for (let i = dict.entries.length - 1; i >= 0; i--) {
    const e = dict.entries[i];
    if (e && sameScalar(e.key, key)) return e.value;
  }
  return undefined;
}

/** A method call on a known value: string methods, `dict.items()`/`.keys()`/`.values()`/`.get()`. */
export function knownMethod(self: Value, method: string, args: readonly KnownArg[]): Value | null {
  const pos = positionalValues(args);
  if (!pos) return null;
  const a0 = pos[0];
  const a1 = pos[1];
  if (self.entries) {
    switch (method) {
      case "items":
        return listValue(self.entries.map((e) => ({ refs: refsOf([e.key, e.value]), items: [e.key, e.value] })));
      case "keys":
        return listValue(self.entries.map((e) => e.key));
      case "values":
        return listValue(self.entries.map((e) => e.value));
      case "get":
        return a0 ? (dictGet(self, a0) ?? a1 ?? null) : null;
      default:
        return null;
    }
  }
  if (method === "format" && (self.str !== undefined || self.text !== undefined)) {
    if (self.str === undefined) return null;
    const kwargs = new Map<string, Value>();
    for (const a of args) if (a.name !== null && !a.star) kwargs.set(a.name, a.value);
    const r = strFormat(self.str, pos, kwargs);
    return r ? { refs: refsOf(args.map((a) => a.value)), ...r } : null;
  }
  const s = self.str;
  if (s === undefined) return null;
  switch (method) {
    case "upper":
      return strValue(s.toUpperCase());
    case "lower":
      return strValue(s.toLowerCase());
    case "title":
      return strValue(s.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()));
    case "capitalize":
      return strValue(s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
    case "strip":
    case "lstrip":
    case "rstrip": {
      if (a0 && a0.str === undefined) return null;
      const chars = a0?.str;
      const isStrip = (c: string) => (chars === undefined ? /\s/.test(c) : chars.includes(c));
      let from = 0;
      let to = s.length;
      if (method !== "rstrip") while (from < to && isStrip(s.charAt(from))) from++;
      if (method !== "lstrip") while (to > from && isStrip(s.charAt(to - 1))) to--;
      return strValue(s.slice(from, to));
    }
    case "replace":
      return a0?.str !== undefined && a1?.str !== undefined ? strValue(s.split(a0.str).join(a1.str)) : null;
    case "removeprefix":
      return a0?.str !== undefined ? strValue(s.startsWith(a0.str) ? s.slice(a0.str.length) : s) : null;
    case "removesuffix":
      return a0?.str !== undefined ? strValue(a0.str && s.endsWith(a0.str) ? s.slice(0, -a0.str.length) : s) : null;
    case "startswith":
      return a0?.str !== undefined ? boolValue(s.startsWith(a0.str)) : null;
    case "endswith":
      return a0?.str !== undefined ? boolValue(s.endsWith(a0.str)) : null;
    case "zfill":
      return a0?.num !== undefined ? strValue(s.padStart(a0.num, "0")) : null;
    case "split": {
      if (a0 && a0.str === undefined) return null;
      const parts = a0?.str ? s.split(a0.str) : s.trim().split(/\s+/).filter(Boolean);
      return listValue(parts.map((p) => strValue(p)));
    }
    case "join": {
      const it = a0 && iterate(a0);
      if (!it) return null;
      const parts = it.map(pyStr);
      return parts.every((p): p is string => p !== undefined && it.every((v) => v.str !== undefined)) ? strValue(parts.join(s)) : null;
    }
    default:
      return null;
  }
}

/** `obj[index]` or `obj[a:b:c]` on a known list, tuple, string or dict. */
export function knownSubscript(obj: Value, index: Value | null, slice: Array<Value | null> | null): Value | undefined {
  if (slice) {
    const seq = obj.items ?? (obj.str !== undefined ? [...obj.str] : undefined);
    if (!seq || obj.entries) return undefined;
    const nums = slice.map((v) => (v === null ? null : v.num));
    if (nums.some((n) => n === undefined)) return undefined;
    const [a, b, c] = nums as Array<number | null>;
    const step = c ?? 1;
    if (step === 0) return undefined;
    const len = seq.length;
    const norm = (n: number | null, dflt: number) => (n === null ? dflt : n < 0 ? Math.max(len + n, step < 0 ? -1 : 0) : Math.min(n, step < 0 ? len - 1 : len));
    const start = norm(a ?? null, step > 0 ? 0 : len - 1);
    const stop = norm(b ?? null, step > 0 ? len : -1);
    const picked: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) picked.push(i);
    if (obj.str !== undefined) return strValue(picked.map((i) => obj.str?.charAt(i) ?? "").join(""));
    return listValue(picked.map((i) => obj.items?.[i] ?? NONE));
  }
  if (!index) return undefined;
  if (obj.entries) return dictGet(obj, index);
  if (index.num === undefined) return undefined;
  const i = index.num < 0 ? index.num + (obj.items?.length ?? obj.str?.length ?? 0) : index.num;
  if (obj.items) return obj.items[i];
  if (obj.str !== undefined && i >= 0 && i < obj.str.length) return strValue(obj.str.charAt(i));
  return undefined;
}

// ---- literals ----

function intLiteral(text: string): number | undefined {
  const t = text.replace(/_/g, "");
  if (/^\d+$/.test(t)) return Number(t);
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return Number.parseInt(t.slice(2), 16);
  if (/^0[oO][0-7]+$/.test(t)) return Number.parseInt(t.slice(2), 8);
  if (/^0[bB][01]+$/.test(t)) return Number.parseInt(t.slice(2), 2);
  return undefined;
}

/** The value of an integer literal; undefined for floats and complex numbers. */
export function numberLiteral(code: string, node: SyntaxNode): number | undefined {
  const n = intLiteral(code.slice(node.from, node.to));
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The value of a literal display (strings, integers, booleans, lists, tuples, sets and dicts of them) without
 * evaluating anything: a module constant read this way never runs a call. Unknown parts stay unknown.
 */
export function literalValue(code: string, node: SyntaxNode, depth = 0): Value {
  if (depth > 20) return NONE;
  const s = stringValue(code, node);
  if (s !== null) return strValue(s);
  switch (node.name) {
    case "Number": {
      const n = numberLiteral(code, node);
      return n === undefined ? NONE : numValue(n);
    }
    case "Boolean":
      return boolValue(code.slice(node.from, node.to) === "True");
    case "ParenthesizedExpression": {
      const inner = node.firstChild?.nextSibling;
      return inner && !isPunctuation(inner) ? literalValue(code, inner, depth + 1) : NONE;
    }
    case "UnaryExpression": {
      const op = node.firstChild;
      const arg = node.lastChild;
      if (!op || !arg || op === arg) return NONE;
      const k = knownUnary(code.slice(op.from, op.to), literalValue(code, arg, depth + 1));
      return k ? { refs: [], ...k } : NONE;
    }
    case "ArrayExpression":
    case "TupleExpression":
    case "SetExpression": {
      const items: Value[] = [];
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.name === "*") return NONE;
        if (isPunctuation(c) || isError(c)) continue;
        items.push(literalValue(code, c, depth + 1));
      }
      return listValue(items);
    }
    case "DictionaryExpression": {
      const entries: Array<{ key: Value; value: Value }> = [];
      let key: Value | null = null;
      let afterColon = false;
      for (let c = node.firstChild; c; c = c.nextSibling) {
        if (c.name === "**") return NONE;
        if (c.name === ":") afterColon = true;
        else if (c.name === ",") {
          key = null;
          afterColon = false;
        } else if (!isPunctuation(c) && !isError(c)) {
          const v = literalValue(code, c, depth + 1);
          if (!afterColon) key = v;
          else if (key) entries.push({ key, value: v });
        }
      }
      return dictValue(entries);
    }
    default:
      return NONE;
  }
}
