/**
 * Generates valid Python 3.11 scripts of a given length that mix the language's constructs, for checking the
 * parser against CPython on files far longer than any fixture: deep nesting, long class bodies, hundreds of
 * top-level statements with blank and comment lines between them, stacked decorators, long continued strings
 * and literals, every kind of string, number, pattern and `with` item. Deterministic for a seed.
 *
 * Nothing here is taken from a real project; the constructs follow the Python Language Reference
 * (docs.python.org/3/reference/: lexical analysis, simple and compound statements, expressions).
 */

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  readonly lines: string[] = [];
  private counter = 0;
  constructor(readonly rnd: () => number) {}

  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  name(prefix = "v"): string {
    return `${prefix}_${(this.counter++).toString(36)}`;
  }
  emit(indent: string, text: string): void {
    for (const line of text.split("\n")) this.lines.push(line === "" ? "" : indent + line);
  }
}

const NUMBERS = ["0", "42", "1_000_000", "3.14", "24.", ".5", "1e-3", "1.e5", "2.5E+10", "0x_ff", "0o17", "0b1010", "7j", "3.j", "1_0.0_1e-1_0J"];
const STRINGS = [
  `"plain"`,
  `'single'`,
  `r"raw \\d+"`,
  `b"bytes"`,
  `rb'raw bytes'`,
  `u"unicode"`,
  `"esc \\n \\t \\x41 \\u00e9 \\N{BULLET} \\"q\\""`,
  `'''triple 'single' quotes'''`,
  `"""triple "double" quotes"""`,
  `"# not a comment"`,
];

/** An expression of a bounded size; `depth` limits nesting. */
function expr(w: Writer, depth = 0): string {
  const leaf = (): string => {
    switch (w.int(8)) {
      case 0:
        return w.pick(NUMBERS);
      case 1:
        return w.pick(STRINGS);
      case 2:
        return w.pick(["None", "True", "False", "..."]);
      case 3:
        return `f"{${w.name("x")}!r:>{10}} {${w.name("y")} = } {${w.name("z")}:.2f}"`;
      default:
        return w.name();
    }
  };
  if (depth > 3 || w.chance(0.35)) return leaf();
  // Operands that are not a single token are parenthesized, so operator precedence never makes them invalid.
  const e = (): string => {
    const inner = expr(w, depth + 1);
    return /^[\w.]+$/.test(inner) ? inner : `(${inner})`;
  };
  switch (w.int(20)) {
    case 0:
      return `${e()} + ${e()} * ${e()}`;
    case 1:
      return `(${e()} if ${e()} else ${e()})`;
    case 2:
      return `[${e()}, ${e()}, *${w.name("rest")}]`;
    case 3:
      return `{${e()}: ${e()}, **${w.name("extra")}}`;
    case 4:
      return `{${e()}, ${e()}}`;
    case 5:
      return `(${e()},)`;
    case 6:
      return `[${w.name("i")} * 2 for ${w.name("i")} in ${e()} if ${w.name("i")}]`;
    case 7:
      return `{k: v for k, v in (${expr(w, depth + 1)}).items()}`;
    case 8:
      return `(lambda a, /, b=1, *args, c, **kw: a + b)(${e()}, c=${e()})`;
    case 9:
      return `${w.name("fn")}(${e()}, *${w.name("args")}, key=${e()}, **${w.name("kw")})`;
    case 10:
      return `${w.name("obj")}.attr[${e()}:${e()}:2].method()`;
    case 11:
      return `not ${e()} and ${e()} or ${e()}`;
    case 12:
      return `${e()} < ${e()} <= ${e()} is not ${e()}`;
    case 13:
      return `${e()} in ${e()}`;
    case 14:
      return `(${w.name("w")} := ${e()})`;
    case 15:
      return `f'{${w.name()}!s}' "concatenated" '{plain}'`;
    case 16:
      return `${w.name("m")}[${e()}, ...]`;
    case 17:
      return `-${e()} ** ~${e()}`;
    case 18:
      return `${e()} @ ${e()} // ${e()} % ${e()}`;
    default:
      return `(${w.name("g")} for ${w.name("t")} in ${e()})`;
  }
}

type Block = (w: Writer, indent: string, depth: number) => void;

function body(w: Writer, indent: string, depth: number, statements: number): void {
  const inner = `${indent}    `;
  for (let i = 0; i < statements; i++) statement(w, inner, depth + 1);
}

const SIMPLE: Array<(w: Writer) => string> = [
  (w) => `${w.name()} = ${expr(w)}`,
  (w) => `${w.name()}: dict[str, list[int]] = ${expr(w)}`,
  (w) => `${w.name()} += ${expr(w)}`,
  (w) => `${w.name()}, *${w.name()} = ${expr(w)}, ${expr(w)}`,
  (w) => `${w.name("a")} = ${w.name("b")} = ${expr(w)}`,
  (w) => `${w.name("obj")}.field[0] = ${expr(w)}`,
  (w) => `assert ${expr(w)}, "message"`,
  (w) => `del ${w.name()}, ${w.name()}[0]`,
  (w) => `print(${expr(w)}, sep="", end="\\n")`,
  (w) => `${w.name("x")} = 1; ${w.name("y")} = 2; pass`,
  (w) => `${w.name("total")} = 1 + \\\n    2 + \\\n    3`,
  (w) => `${w.name("text")} = (\n    "implicit "\n    'concatenation '  # a comment inside brackets\n\n    f"{${w.name("n")}} "\n    r"raw"\n)`,
  (w) => `${w.name("mapping")} = {\n    "a": 1,\n    # a comment line inside a literal\n    "b": [\n        2,\n        3,\n    ],\n}`,
  (w) => `type = ${expr(w)}  # a soft keyword as a name`,
  (w) => `match = ${w.name("pattern")}.match(${expr(w)})`,
  (w) => `case = ${expr(w)}`,
  (w) => `${w.name("doc")} = """A string over lines
# this line is inside the string
    def not_code():
"""`,
  (w) => `${w.name("tpl")} = f"""{${w.name("x")}}
{${w.name("y")}:>{${w.name("width")}}}"""`,
  (w) => `${w.name("handler")} = print if ${w.name("verbose")} else ${w.name("log")}`,
  (w) => `print >> ${w.name("stream")}, ${w.name("message")}`,
  (w) => `${w.name("shape")}: tuple[int, *tuple[str, ...]] = ${expr(w)}`,
  (w) => `${w.name("spec")} = f'{${w.name("x")}:=10}'`,
];

const COMPOUND: Block[] = [
  (w, indent, depth) => {
    w.emit(indent, `if ${expr(w)}:`);
    body(w, indent, depth, 1 + w.int(3));
    w.emit(indent, `elif (${w.name("n")} := ${expr(w)}) > 0:`);
    body(w, indent, depth, 1);
    w.emit(indent, "else:");
    body(w, indent, depth, 1);
  },
  (w, indent, depth) => {
    w.emit(indent, `for ${w.name("i")}, (${w.name("a")}, *${w.name("b")}) in enumerate(${expr(w)}):`);
    body(w, indent, depth, 1 + w.int(3));
    if (w.chance(0.3)) {
      w.emit(indent, "else:");
      body(w, indent, depth, 1);
    }
  },
  (w, indent, depth) => {
    w.emit(indent, `while ${w.name("chunk")} := ${w.name("stream")}.read(${w.pick(NUMBERS.slice(0, 3))}):`);
    body(w, indent, depth, 1 + w.int(2));
    w.emit(indent, `    if not ${w.name("chunk")}:\n        break\n    continue`);
  },
  (w, indent, depth) => {
    w.emit(indent, "try:");
    body(w, indent, depth, 1 + w.int(2));
    w.emit(indent, `except (ValueError, TypeError) as ${w.name("error")}:`);
    w.emit(indent, `    raise RuntimeError("failed") from ${w.name("error")}`);
    w.emit(indent, "except Exception:\n    raise");
    w.emit(indent, "else:");
    body(w, indent, depth, 1);
    w.emit(indent, "finally:");
    body(w, indent, depth, 1);
  },
  (w, indent, depth) => {
    w.emit(indent, "try:");
    body(w, indent, depth, 1);
    w.emit(indent, `except* OSError as ${w.name("group")}:`);
    body(w, indent, depth, 1);
  },
  (w, indent, depth) => {
    const form = w.int(5);
    if (form === 0) w.emit(indent, `with open(${expr(w)}) as ${w.name("f")}, ${w.name("lock")}:`);
    else if (form === 1) w.emit(indent, `with ${w.name("pair")}() as (${w.name("a")}, ${w.name("b")}), ${w.name("ctx")} as self.${w.name("held")}:`);
    else if (form === 2) w.emit(indent, `with (\n    open(${expr(w)}) as ${w.name("src")},\n    open(${expr(w)}) as ${w.name("dst")},\n):`);
    else if (form === 3) w.emit(indent, `with (${w.name("a")}, ${w.name("b")}):`);
    else w.emit(indent, `with ${w.name("env")}() as ${w.name("os")}.environ:`);
    body(w, indent, depth, 1 + w.int(2));
  },
  (w, indent, depth) => {
    w.emit(indent, `match ${w.pick([w.name("command"), `${w.name("a")}, ${w.name("b")}`, `*${w.name("rest")}, ${w.name("last")}`])}:`);
    const cases = [
      `case []:`,
      `case ():`,
      `case {}:`,
      `case [${w.name("x")}, *${w.name("others")}]:`,
      `case {"action": "move", "to": (${w.name("x")}, ${w.name("y")}), **${w.name("extra")}}:`,
      `case Point(x=0, y=0) | Point():`,
      `case str() | bytes():`,
      `case Color.RED | Color.GREEN as ${w.name("colour")}:`,
      `case -1 | 1.5 | -2.5 + 3j | "text" "continued" | b"raw" | None | True:`,
      `case {Color.BLUE: ${w.name("v")}, 1: _}:`,
      `case [int(${w.name("n")}), str() as ${w.name("s")}] if ${w.name("n")} > 0:`,
      `case ${w.name("a")}, ${w.name("b")}:`,
    ];
    for (let i = 0; i < 2 + w.int(4); i++) {
      w.emit(indent, `    ${w.pick(cases)}`);
      body(w, `${indent}    `, depth + 1, 1);
    }
    w.emit(indent, "    case _:\n        pass");
  },
  (w, indent, depth) => {
    const decorators = w.int(4);
    for (let i = 0; i < decorators; i++) {
      w.emit(
        indent,
        w.pick([
          "@staticmethod",
          `@functools.lru_cache(maxsize=${w.int(100)})`,
          `@${w.name("registry")}.register("${w.name("key")}")`,
          `@${w.name("handlers")}[0].connect`,
          `@${w.name("retry")}(3)(${w.name("log")})`,
          `@(lambda f: f)`,
        ]),
      );
    }
    const asyncDef = w.chance(0.2);
    w.emit(
      indent,
      `${asyncDef ? "async " : ""}def ${w.name("func")}(${w.name("a")}, /, ${w.name("b")}: int = 1, *${w.name("args")}: str, ${w.name("c")}, **${w.name("kw")}) -> list[int]:`,
    );
    w.emit(indent, `    """Docstring of a function.\n\n    # with a line that looks like a comment\n    """`);
    if (asyncDef) {
      w.emit(indent, `    async with ${w.name("session")}() as ${w.name("s")}:\n        ${w.name("r")} = await ${w.name("s")}.get(${expr(w)})`);
      w.emit(indent, `    async for ${w.name("item")} in ${w.name("aiter")}():\n        pass`);
      w.emit(indent, `    return [${w.name("x")} async for ${w.name("x")} in ${w.name("aiter")}()]`);
      return;
    }
    body(w, indent, depth, 1 + w.int(4));
    w.emit(indent, w.pick(["    return", `    return ${expr(w)}`, "    yield", `    yield from ${expr(w)}`, `    ${w.name("got")} = yield`]));
  },
  (w, indent, depth) => {
    w.emit(indent, `class ${w.name("Klass")}(${w.name("Base")}, metaclass=${w.name("Meta")}):`);
    w.emit(indent, `    ${w.name("field")}: int = 0`);
    body(w, indent, depth, 1 + w.int(3));
  },
  (w, indent, depth) => {
    const count = w.name("count");
    const inner = w.name("inner");
    w.emit(indent, `def ${w.name("outer")}():\n    ${count} = 0`);
    w.emit(indent, `    def ${inner}():\n        nonlocal ${count}\n        global ${w.name("state")}`);
    body(w, `${indent}    `, depth + 1, 1);
    w.emit(indent, `    return ${inner}`);
  },
];

function statement(w: Writer, indent: string, depth: number): void {
  if (w.chance(0.08)) w.emit("", w.pick(["", "   ", "\t", `${indent}# a comment line`, "# a comment at column 0", `${indent}   `]));
  if (depth < 12 && w.chance(depth < 3 ? 0.45 : 0.2)) w.pick(COMPOUND)(w, indent, depth);
  else w.emit(indent, `${w.pick(SIMPLE)(w)}${w.chance(0.1) ? "  # trailing comment" : ""}`);
}

/** A top-level block; some nest deep, some make long class bodies or long literals. */
function topLevel(w: Writer): void {
  const kind = w.int(12);
  if (kind === 0) {
    // Deep nesting.
    let indent = "";
    const levels = 10 + w.int(20);
    for (let i = 0; i < levels; i++) {
      w.emit(indent, w.pick([`if ${w.name()}:`, `for ${w.name()} in ${w.name()}:`, `while ${w.name()}:`, `with ${w.name()}:`, "try:", `def ${w.name("f")}():`, `class ${w.name("C")}:`]));
      const opened = w.lines[w.lines.length - 1]!.trim();
      indent += "    ";
      if (opened === "try:") {
        w.emit(indent, "pass");
        w.emit(indent.slice(4), "finally:");
      }
    }
    w.emit(indent, "pass");
  } else if (kind === 1) {
    // A long class body.
    w.emit("", `class ${w.name("Large")}:`);
    for (let i = 0; i < 20 + w.int(40); i++) {
      w.emit("", "");
      if (w.chance(0.3)) w.emit("    ", "# a comment between methods");
      w.emit("    ", `def ${w.name("method")}(self, ${w.name("arg")}=None):`);
      body(w, "    ", 1, 1 + w.int(3));
    }
  } else if (kind === 2) {
    // A long literal.
    w.emit("", `${w.name("TABLE")} = {`);
    for (let i = 0; i < 50 + w.int(200); i++) w.emit("    ", `"${w.name("key")}": (${w.pick(NUMBERS)}, ${w.pick(STRINGS)}),${w.chance(0.1) ? "  # note" : ""}`);
    w.emit("", "}");
  } else if (kind === 3) {
    // A function indented with tabs.
    w.emit("", `def ${w.name("tabbed")}():\n\tif ${w.name()}:\n\t\treturn ${expr(w)}\n\treturn None`);
  } else if (kind === 4) {
    // Python 3.11 typing: unpacking in subscripts and annotations.
    w.emit("", `class ${w.name("Array")}(Generic[*${w.name("Ts")}]):\n    def __init__(self, *shape: *${w.name("Ts")}) -> None:\n        self.shape: tuple[*${w.name("Ts")}] = shape`);
  } else {
    statement(w, "", 0);
  }
}

export interface GeneratedScript {
  seed: number;
  code: string;
  lines: number;
}

/** A valid Python 3.11 script of about `lines` lines (never fewer). */
export function generatePython(seed: number, lines: number): GeneratedScript {
  const w = new Writer(random(seed));
  w.emit("", `"""Generated script ${seed}."""\nfrom __future__ import annotations\n\nimport functools\nfrom typing import Generic\n`);
  while (w.lines.length < lines) {
    topLevel(w);
    for (let blank = w.int(3); blank > 0; blank--) w.emit("", w.pick(["", "", "    ", "\t", "\f"]));
    if (w.chance(0.15)) w.emit("", "# a comment between top-level statements");
  }
  const code = `${w.lines.join("\n")}\n`;
  return { seed, code, lines: w.lines.length };
}
