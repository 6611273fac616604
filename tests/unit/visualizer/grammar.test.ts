/**
 * Our build of the Python grammar (src/lib/visualizer/grammar): valid Python never gets a syntax error, real
 * errors still do, and the trees the readers walk keep their shape. CPython is the oracle where python3 exists.
 */
import type { Tree } from "@lezer/common";
import { parser as upstreamParser } from "@lezer/python";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { goldenFixtures } from "../../../scripts/lib/golden-graph";
import { EXAMPLES } from "~/lib/examples";
import { parseIncremental, parsePython, visualize } from "~/lib/visualizer";
import { GRAMMAR_CHANGES } from "~/lib/visualizer/grammar/changes";
import { cpythonVerdicts, pythonVersion, type Verdict } from "./cpython-oracle";
import { fixturesDir, repoRoot } from "./helpers";

/** The lines (1-based) of the error nodes in a tree. */
function errorLines(tree: Tree, code: string): number[] {
  const lines: number[] = [];
  tree.iterate({
    enter(n) {
      if (n.type.isError) lines.push(code.slice(0, n.from).split("\n").length);
    },
  });
  return [...new Set(lines)];
}

const syntaxDiagnostics = (code: string) => visualize(code).diagnostics.filter((d) => d.message.startsWith("Syntax error"));

/** Valid Python 3.11 that @lezer/python 1.1.19 gave a syntax error (each from a gap CPython's stdlib hit). */
const GAPS: Record<string, string> = {
  "with … as a tuple": "with manager() as (x, y):\n    pass\n",
  "with … as an attribute or item": "with lock as self.held, env() as os.environ, m() as slots[0]:\n    pass\n",
  "parenthesized with items over lines": "with (\n    open(a) as src,\n    open(b) as dst,\n):\n    pass\n",
  "bare yield": "def gen():\n    yield\n    x = yield\n    y = (yield)\n    with (yield) as z:\n        pass\n",
  "float with a trailing dot": "x = 24.\ny = 1.e5 + 3.j\n",
  "unpacking in a subscript": "class C(Generic[*Ts]):\n    pass\nt: tuple[int, *tuple[str, ...]] = x[a, *b]\n",
  "unpacked annotation of *args": "def f(*args: *Ts) -> None:\n    pass\n",
  "empty sequence and mapping patterns": "match x:\n    case []:\n        pass\n    case ():\n        pass\n    case {}:\n        pass\n",
  "class patterns without arguments": "match node:\n    case ast.BinOp():\n        pass\n    case str() | bytes():\n        pass\n",
  "value patterns as mapping keys": "match x:\n    case {Color.RED: v, 1: _, **rest}:\n        pass\n",
  "concatenated strings in a pattern": 'match x:\n    case "a" "b":\n        pass\n',
  "tuple and named-expression match subjects": "match a, *b:\n    case _:\n        pass\nmatch w := f(),:\n    case _:\n        pass\n",
  "decorator expressions (PEP 614)": "@buttons[0].clicked.connect\n@retry(3)(log)\n@(lambda f: f)\n@x := null\n@False or null\ndef f():\n    pass\n",
  "positional-only lambda parameters and trailing commas": "f = lambda a, /, b: a\ng = lambda a,: 0\nh = lambda *args,: 0\nk = lambda a, b, /, : a + b\n",
  "a format spec that starts with =": "s = f'{x:=10}'\n",
  "print as a Python 3 name": "print >> sys.stderr, 'x'\nprint << 2\nf = print if verbose else log\nhandlers = print, log\nprint\n",
  "unpacking in a for iterable": "for x in *a, *b:\n    pass\n",
};

/** Python 3.12 to 3.14 syntax (CPython 3.11, the machine's, rejects it: checked by hand). */
const NEWER: Record<string, string> = {
  "type statement (3.12)": "type Point = tuple[float, float]\ntype ListOrSet[T] = list[T] | set[T]\n",
  "type parameters (3.12)": "def first[T: (int, str), *Ts, **P](x: T) -> T:\n    return x\nclass Box[T](Base):\n    pass\n",
  "f-strings reusing their quotes (3.12, PEP 701)": "a = f\"{x[\"key\"]}\"\nb = f\"{'\\n'.join(lines)}\"\nc = f\"{f\"{f\"{x}\"}\"}\"\n",
  "f-string replacement over lines with a comment (3.12)": 'd = f"{\n    x  # the value\n    + 1\n}"\n',
  "type parameter defaults (3.13, PEP 696)": "def f[T = int](): pass\nclass C[*Ts = *tuple[int]]: pass\ntype A[T = str] = list[T]\n",
  "template strings (3.14, PEP 750)": 'greeting = t"Hello {name}!"\nraw = rt"\\d {x}"\n',
  "except without parentheses (3.14, PEP 758)": "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n",
};

/** Invalid Python: a syntax error on the given line. */
const ERRORS: Array<{ name: string; code: string; line: number }> = [
  { name: "an unclosed bracket", code: "x = (1,\ny = 2\n", line: 1 },
  { name: "a missing parameter", code: "def f(:\n    pass\n", line: 1 },
  { name: "with … as nothing", code: "with a as :\n    pass\n", line: 1 },
  { name: "case with no pattern", code: "match x:\n    case :\n        pass\n", line: 2 },
  { name: "an assignment cut before a blank line", code: "x =\n\ny = 1\n", line: 1 },
  { name: "an assignment cut before a comment line", code: "x = 1 +\n# why\ny = 1\n", line: 1 },
  { name: "a decorator with nothing", code: "@\ndef f():\n    pass\n", line: 1 },
  { name: "a doubled comma in a lambda", code: "f = lambda a,,: 0\n", line: 1 },
  { name: "an unclosed f-string field", code: "s = f'{x'\n", line: 1 },
  { name: "a stray closing bracket", code: "def f():\n    return 1\nx = f() )\n", line: 3 },
  { name: "an unclosed parenthesized with", code: "with (a as b,\n    pass\n", line: 1 },
];

const hasPython = pythonVersion() !== null;
if (!hasPython) process.stdout.write("grammar.test: python3 not found — the cases are not checked against CPython\n");

describe("our Python grammar", () => {
  const verdicts = new Map<string, Verdict>();
  beforeAll(async () => {
    if (!hasPython) return;
    const sources = [...Object.values(GAPS), ...ERRORS.map((e) => e.code), ...GRAMMAR_CHANGES.flatMap((c) => c.examples)];
    const results = await cpythonVerdicts(sources);
    sources.forEach((s, i) => verdicts.set(s, results[i] ?? null));
  });

  describe("accepts valid Python that @lezer/python 1.1.19 marked as an error", () => {
    for (const [name, code] of Object.entries(GAPS)) {
      it(name, () => {
        if (hasPython) expect(verdicts.get(code), "CPython parses the case").toBeNull();
        expect(errorLines(upstreamParser.parse(code), code).length, "the upstream grammar rejects it").toBeGreaterThan(0);
        expect(errorLines(parsePython(code), code)).toEqual([]);
        expect(syntaxDiagnostics(code)).toEqual([]);
      });
    }
  });

  describe("accepts newer syntax", () => {
    for (const [name, code] of Object.entries(NEWER)) {
      it(name, () => {
        expect(errorLines(parsePython(code), code)).toEqual([]);
        expect(syntaxDiagnostics(code)).toEqual([]);
      });
    }
  });

  it("parses the example of every grammar change, and CPython does too", () => {
    const examples = GRAMMAR_CHANGES.flatMap((c) => c.examples.map((code) => ({ id: c.id, code })));
    expect(examples.length).toBeGreaterThan(15);
    for (const { id, code } of examples) {
      if (hasPython) expect(verdicts.get(code), `CPython parses the example of ${id}`).toBeNull();
      expect(errorLines(parsePython(code), code), `the example of ${id}`).toEqual([]);
    }
  });

  describe("still reports real syntax errors on their line", () => {
    for (const { name, code, line } of ERRORS) {
      it(name, () => {
        if (hasPython) expect(verdicts.get(code), "CPython rejects the case").not.toBeNull();
        expect(syntaxDiagnostics(code).map((d) => d.line)).toContain(line);
      });
    }
  });

  describe("long scripts", () => {
    // @lezer/python 1.1.19 gave these an error about 300 blank-line-separated statements in (line ~1,000 here).
    it("1,000 top-level statements separated by blank and comment lines", () => {
      const code = Array.from({ length: 1000 }, (_, i) => `${i % 3 === 0 ? "# step\n" : "\n"}x${i} = step(x${i - 1})\n`).join("");
      expect(errorLines(upstreamParser.parse(code), code).length).toBeGreaterThan(0);
      expect(errorLines(parsePython(code), code)).toEqual([]);
    });

    it("a class of 1,000 attributes separated by blank lines", () => {
      const attributes = Array.from({ length: 1000 }, (_, i) => `\n    SETTING_${i} = ${i}\n`).join("");
      const code = `class Settings:\n    """Many settings."""\n${attributes}\nprint(Settings.SETTING_1)\n`;
      expect(errorLines(upstreamParser.parse(code), code).length).toBeGreaterThan(0);
      expect(errorLines(parsePython(code), code)).toEqual([]);
    });

    it("a string that closes on a line that looks like a comment ends its statement there", () => {
      const code = 'x = r"""\n    # more comments"""\ny = 1\n';
      expect(errorLines(parsePython(code), code)).toEqual([]);
      expect(parsePython(code).toString()).toBe("Script(AssignStatement(VariableName,AssignOp,String),AssignStatement(VariableName,AssignOp,Number))");
    });

    it("Windows line ends (CRLF) with blank and comment lines", () => {
      const code = Array.from({ length: 1000 }, (_, i) => `\r\n# step ${i}\r\ndef f${i}():\r\n    return ${i}\r\n`).join("");
      expect(errorLines(parsePython(code), code)).toEqual([]);
    });

    it("whitespace-only lines with tabs and form feeds between statements", () => {
      const code = Array.from({ length: 800 }, (_, i) => `\t\n\f\n    \nv${i} = ${i}\n`).join("");
      expect(errorLines(parsePython(code), code)).toEqual([]);
    });
  });

  describe("keeps the tree shapes the readers walk", () => {
    it("a dotted, called decorator has its names and ArgList as children", () => {
      const tree = parsePython("@dag.task(retries=2)\ndef f():\n    pass\n");
      expect(tree.toString()).toContain('Decorator(At,VariableName,".",VariableName,ArgList("(');
    });

    it("with items are children of the with statement, with or without parentheses", () => {
      expect(parsePython("with DAG('d') as dag:\n    pass\n").toString()).toContain(
        'WithStatement(with,CallExpression(VariableName,ArgList("(",String,")")),as,VariableName,Body(',
      );
      expect(parsePython("with (A() as a, B() as b):\n    pass\n").toString()).toContain(
        'WithStatement(with,"(",CallExpression(VariableName,ArgList("(",")")),as,VariableName,",",CallExpression(VariableName,ArgList("(",")")),as,VariableName,")",Body(',
      );
      // A parenthesized tuple stays a tuple.
      expect(parsePython("with (a, b):\n    pass\n").toString()).toContain("WithStatement(with,TupleExpression(");
    });

    it("Python 2's print statement is still read leniently, Python 3's print name is a name", () => {
      expect(parsePython('print "hello"\n').toString()).toContain("PrintStatement(print,String)");
      expect(parsePython("print >> f, x\n").toString()).toContain("BinaryExpression(VariableName,BitOp,VariableName)");
    });
  });

  it("gives the very tree @lezer/python gave for every script of the repository it parsed without an error", () => {
    // The readers walk these trees: for code the upstream grammar read, nothing changes for them.
    const sharedCorpus = path.join(repoRoot, "..", "shared", "visualizer-corpus");
    const pyFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".py")).map((f) => path.join(dir, f)) : []);
    const scripts = [
      ...pyFiles(fixturesDir).map((f) => ({ name: path.basename(f), code: readFileSync(f, "utf8") })),
      ...pyFiles(sharedCorpus).map((f) => ({ name: `shared/${path.basename(f)}`, code: readFileSync(f, "utf8") })),
      ...goldenFixtures().map((f) => ({ name: `${f.dialect}/${f.name}`, code: readFileSync(f.script, "utf8") })),
      ...EXAMPLES.map((e) => ({ name: `example ${e.slug}`, code: e.code })),
    ];
    let compared = 0;
    for (const { name, code } of scripts) {
      const upstream = upstreamParser.parse(code).toString();
      if (upstream.includes("⚠")) continue;
      compared++;
      expect(parsePython(code).toString(), name).toBe(upstream);
    }
    expect(compared).toBeGreaterThan(30);
  });

  describe("incremental parsing gives the tree a full parse gives", () => {
    const code = `import os\n\n\nclass Steps:\n    """Steps."""\n\n    def a(self):\n        return 1\n\n    # a note\n    def b(self):\n        x = """\n        # not a comment"""\n        return x\n\n\ndef main():\n    print(Steps().a())\n`;
    const edits: Array<[string, (c: string) => string]> = [
      ["comment a statement out", (c) => c.replace("        return 1", "        # return 1")],
      ["turn a comment into code", (c) => c.replace("    # a note", "    note = 1")],
      ["blank a line", (c) => c.replace("    print(Steps().a())", "    ")],
      ["add a blank line in a class body", (c) => c.replace('    """Steps."""\n', '    """Steps."""\n\n\n')],
      ["open a string that swallows the rest", (c) => c.replace("import os", 'import os\ns = """')],
      ["end the string on a comment-like line", (c) => c.replace('        # not a comment"""', '        # not a comment\n"""')],
    ];
    for (const [name, edit] of edits) {
      it(name, () => {
        const edited = edit(code);
        expect(edited).not.toBe(code);
        expect(parseIncremental(parsePython(code), code, edited).toString()).toBe(parsePython(edited).toString());
        // And back again.
        expect(parseIncremental(parsePython(edited), edited, code).toString()).toBe(parsePython(code).toString());
      });
    }
  });
});
