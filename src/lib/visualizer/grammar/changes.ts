/**
 * Our changes to the Python grammar of @lezer/python, applied by scripts/generate-python-parser.ts to the pinned
 * package's `src/` files before the parser is generated. Each change replaces one exact piece of upstream text
 * (docs/decisions/018 and 019; docs/upstream/lezer-python-grammar.md is the note for upstream).
 *
 * The `find` texts quote the @lezer/python package (its `src/` files), used under its MIT license:
 * Copyright (C) 2020 by Marijn Haverbeke <marijn@haverbeke.berlin> and others. Permission is hereby granted, free of
 * charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal
 * in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish,
 * distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished
 * to do so, subject to the following conditions: The above copyright notice and this permission notice shall be
 * included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY
 * OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
 * PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
 * DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
 * CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */
export const UPSTREAM_VERSION = "1.1.19";

export type UpstreamFile = "grammar" | "tokens" | "highlight";
export type UpstreamSources = Record<UpstreamFile, string>;

export interface GrammarChange {
  id: string;
  file: UpstreamFile;
  /** What valid Python the upstream grammar rejects (or mis-reads), and how the change fixes it. */
  why: string;
  /** Valid Python that needs the change. */
  examples: string[];
  find: string;
  replace: string;
}

export const GRAMMAR_CHANGES: readonly GrammarChange[] = [
  {
    id: "bare-yield",
    file: "grammar",
    why: "`yield` with no value (a statement, or `x = yield`, `(yield)`) is valid; upstream requires a value.",
    examples: ["def gen():\n    yield\n", "def gen():\n    x = yield\n    y = (yield)\n"],
    find: 'yield { kw<"yield"> (kw<"from"> test | commaSep<test | "*" expression>) }',
    replace: 'yield { kw<"yield"> (kw<"from"> test | commaSep<test | "*" expression>)? }',
  },
  {
    id: "number-trailing-dot",
    file: "grammar",
    why: "A float may end in its dot (`24.`, `1.e5`, `3.j`); upstream requires a digit after the dot.",
    examples: ["x = 24.\ny = 1.e5 + 3.j\n"],
    find: '(@digit ("_" | @digit)* ("." @digit ("_" | @digit)*)? | "." @digit ("_" | @digit)*)',
    replace: '(@digit ("_" | @digit)* ("." (@digit ("_" | @digit)*)?)? | "." @digit ("_" | @digit)*)',
  },
  {
    id: "lambda-positional-only",
    file: "grammar",
    why: "A lambda may have positional-only parameters (`lambda a, /, b: a`), as a `def` may.",
    examples: ["f = lambda a, /, b=2: a + b\n"],
    find: 'lambdaParam { VariableName (AssignOp{"="} test)? | "*" VariableName? | "**" VariableName }',
    replace: 'lambdaParam { VariableName (AssignOp{"="} test)? | "*" VariableName? | "**" VariableName | "/" }',
  },
  {
    id: "star-in-subscript",
    file: "grammar",
    why: "Unpacking in a subscript (PEP 646, Python 3.11): `tuple[*Ts]`, `Generic[*Ts]`, `x[a, *b]`.",
    examples: ["class C(Generic[*Ts]):\n    pass\n", "t: tuple[int, *tuple[str, ...]]\n"],
    find: 'subscript[@export] {\n  "[" commaSep<testNamed | testNamed? ":" testNamed? (":" testNamed?)?> "]"\n}',
    replace: 'subscript[@export] {\n  "[" commaSep<testNamed | "*" expression | testNamed? ":" testNamed? (":" testNamed?)?> "]"\n}',
  },
  {
    id: "star-annotation",
    file: "grammar",
    why: "`*args` may be annotated with an unpacked type (PEP 646, Python 3.11): `def f(*args: *Ts)`.",
    examples: ["def f(*args: *Ts) -> None:\n    pass\n"],
    find: 'param { VariableName TypeDef? (AssignOp{"="} test)? | "*" (VariableName TypeDef?)? |',
    replace:
      'param { VariableName TypeDef? (AssignOp{"="} test)? | "*" (VariableName (TypeDef | starTypeDef)?)? |',
  },
  {
    id: "star-annotation-rule",
    file: "grammar",
    why: "The annotation of `*args: *Ts`, drawn as a `TypeDef` like any other annotation.",
    examples: [],
    find: 'TypeDef { ":" test }',
    replace: 'TypeDef { ":" test }\n\nstarTypeDef[@name=TypeDef] { ":" "*" expression }',
  },
  {
    id: "empty-patterns",
    file: "grammar",
    why: "`case []:`, `case ():`, `case {}:` and class patterns without arguments (`case str():`) are valid patterns.",
    examples: ["match x:\n    case []:\n        pass\n    case ():\n        pass\n    case {}:\n        pass\n    case str() | Point():\n        pass\n"],
    find: 'PatternArgList { "(" commaSep<pattern | KeywordPattern { VariableName "=" pattern }> ")" }\n\nSequencePattern { "[" commaSep<pattern> "]" | "(" commaSep<pattern> ")" }\n\nMappingPattern { "{" commaSep<"**" pattern | (VariableName | LiteralPattern) ":" pattern> "}" }',
    replace:
      'PatternArgList { "(" commaSep<pattern | KeywordPattern { VariableName "=" pattern }>? ")" }\n\nSequencePattern { "[" commaSep<pattern>? "]" | "(" commaSep<pattern>? ")" }\n\nMappingPattern { "{" commaSep<"**" pattern | (VariableName | AttributePattern | LiteralPattern) ":" pattern>? "}" }',
  },
  {
    id: "literal-pattern-strings",
    file: "grammar",
    why: "A string pattern may be several adjacent strings (`case \"a\" \"b\":`), as a string expression may.",
    examples: ['match x:\n    case "a" "b":\n        pass\n'],
    find: '  ArithOp{"-"}? Number (ArithOp{"+"|"-"} Number)? |\n  String |',
    replace: '  ArithOp{"-"}? Number (ArithOp{"+"|"-"} Number)? |\n  String | ContinuedString { String String+ } |',
  },
  {
    id: "match-subject-tuple",
    file: "grammar",
    why:
      "The subject of `match` may be any named expression or an unparenthesized tuple (`match a, b:`, `match *a, b:`, `match x or y:`, `match w := f(),:`).",
    examples: [
      "match a, b:\n    case x, y:\n        pass\n",
      "match *rest, last:\n    case _:\n        pass\n",
      "match w := f(),:\n    case _:\n        pass\n",
      "match not done:\n    case True:\n        pass\n",
    ],
    find: 'skw<"match"> "*"? expression MatchBody',
    replace: 'skw<"match"> commaSep<"*" expression | testNamed> MatchBody',
  },
  {
    id: "format-spec-after-colon-equals",
    file: "grammar",
    why: "In `f\'{x:=10}\'` the colon starts a format spec (`=10`); it is not the walrus operator.",
    examples: ["s = f'{x:=10}'\n"],
    find: 'formatStringSpec { FormatSpec { ":" (formatStringSpecChars | nestedFormatReplacement)* } "}" }',
    replace: 'formatStringSpec { FormatSpec { (":" | ":=") (formatStringSpecChars | nestedFormatReplacement)* } "}" }',
  },
  {
    id: "type-param-defaults",
    file: "grammar",
    why: "Type parameters may have defaults (PEP 696, Python 3.13): `def f[T = int]()`, `class C[*Ts = *tuple[int]]`.",
    examples: [],
    find: 'TypeParam {\n  ("*" | "**") VariableName |\n  VariableName TypeDef?\n}',
    replace:
      'TypeParam {\n  ("*" | "**") VariableName (AssignOp{"="} ("*" expression | test))? |\n  VariableName TypeDef? (AssignOp{"="} test)?\n}',
  },
  {
    id: "for-in-star",
    file: "grammar",
    why: "The iterable of a `for` statement may hold unpacking (`for x in *a, *b:`, Python 3.9).",
    examples: ["for x in *a, *b:\n    pass\n"],
    find: 'kw<"for"> commaSep<"*"? expression> kw<"in"> commaSep<test> Body elseClause?',
    replace: 'kw<"for"> commaSep<"*"? expression> kw<"in"> commaSep<test | "*" expression> Body elseClause?',
  },
  {
    id: "with-targets",
    file: "grammar",
    why:
      "The target of `with … as` may be any assignment target (`as (a, b)`, `as self.x`, `as os.environ`), and the items may be put in parentheses over several lines (Python 3.10). Items stay children of the `WithStatement`, as before.",
    examples: [
      "with open(p) as (a, b), lock as self.held:\n    pass\n",
      "with (\n    open(a) as f,\n    open(b) as g,\n):\n    pass\n",
    ],
    find: 'WithStatement { kw<"async">? kw<"with"> commaSep<test (kw<"as"> VariableName)?> Body }',
    replace:
      'WithStatement { kw<"async">? kw<"with"> (commaSep<withItem> | withItemList) Body }',
  },
  {
    id: "with-targets-rules",
    file: "grammar",
    why: "The items of a `with` statement, and their parenthesized list (a bracket for the indentation tracker).",
    examples: [],
    find: 'elseClause { kw<"else"> Body }',
    replace:
      'elseClause { kw<"else"> Body }\n\nwithItem { test ~withParen (kw<"as"> expression)? }\n\nwithItemList[@export] { "(" commaSep<withItem> ")" }',
  },
  {
    id: "with-targets-bracket",
    file: "tokens",
    why: "A newline inside the parenthesized items of a `with` statement does not end the statement.",
    examples: [],
    find: '  SequencePattern, MappingPattern, PatternArgList, TypeParamList\n])',
    replace: '  SequencePattern, MappingPattern, PatternArgList, TypeParamList, withItemList\n])',
  },
  {
    id: "with-targets-bracket-import",
    file: "tokens",
    why: "The term id of the parenthesized `with` items.",
    examples: [],
    find: '  ParenL, BraceL, BracketL\n} from "./parser.terms.js"',
    replace: '  ParenL, BraceL, BracketL, withItemList\n} from "./parser.terms.js"',
  },
  {
    id: "with-targets-ambiguity",
    file: "grammar",
    why:
      "`with (a, b):` may be a tuple or two parenthesized items until a later `as` (or the colon) tells: the parser tries both (GLR) where an expression ends inside those parentheses.",
    examples: [],
    find: 'testNamed {\n  test | NamedExpression { test AssignOp{":="} test }\n}',
    replace: 'testNamed {\n  test ~withParen | NamedExpression { test AssignOp{":="} test }\n}',
  },
  {
    id: "decorator-expressions",
    file: "grammar",
    why:
      "A decorator may be any expression (PEP 614, Python 3.9): `@buttons[0].clicked.connect`, `@a.b(x)(y)`, `@(lambda f: f)`. The common `@name.attr(args)` keeps its tree (names and `ArgList` as the `Decorator`'s children); other expressions become one expression child. The dotted reading's precedence counts where its name ends, so it also wins when the parser prunes one of the two readings inside a long argument list.",
    examples: ["@handlers[0].register\ndef f():\n    pass\n", "@retry(3)(log)\ndef g():\n    pass\n"],
    find: 'Decorator { At dottedName ArgList? newline }',
    replace:
      'Decorator { At (decoratorName | decoratorExpression) newline }\n\ndecoratorName { decoratorHead ArgList? ~decorator }\n\ndecoratorHead[@dynamicPrecedence=1] { VariableName ~decorator ("." VariableName ~decorator)* }\n\ndecoratorExpression { testNamed ~decorator }',
  },
  {
    id: "decorator-expressions-ambiguity",
    file: "grammar",
    why: "Where a decorator's name ends, the parser tries both readings (GLR); the dotted-name reading wins when both parse.",
    examples: [],
    find: '  CallExpression { expression !trail ArgList } |\n  MemberExpression { expression !trail (subscript | "." PropertyName) } |\n  VariableName |',
    replace: '  CallExpression { expression !trail ArgList ~decorator } |\n  MemberExpression { expression !trail (subscript | "." PropertyName ~decorator) } |\n  VariableName ~decorator |',
  },
  {
    id: "template-strings",
    file: "grammar",
    why: "Template strings (PEP 750, Python 3.14) have the `t` prefix and the syntax of f-strings.",
    examples: [],
    find: '  stringPrefixF { $[fF] }\n  stringPrefixFR { $[rR] $[fF] | $[fF] $[rR] }',
    replace: '  stringPrefixF { $[fFtT] }\n  stringPrefixFR { $[rR] $[fFtT] | $[fFtT] $[rR] }',
  },
  {
    id: "legacy-print-only-before-an-operand",
    file: "tokens",
    why:
      "Python 2's `print x` statement is read only where Python 3 could not go on after the name `print` (a name, number or string follows). `print >> f`, `print, x`, `print` at the end of the input and `print if c else d` are Python 3 expressions.",
    examples: ["print >> sys.stderr, 'x'\nf = print if verbose else log\nhandlers = print, log\nprint\n"],
    find: '    if (next != parenOpen && next != dot && next != newline && next != carriageReturn && next != hash)\n      input.acceptToken(printKeyword)\n    return',
    replace: '    if (startsLegacyPrintOperand(input, off)) input.acceptToken(printKeyword)\n    return',
  },
  {
    id: "legacy-print-only-before-an-operand-helper",
    file: "tokens",
    why: "What may follow Python 2's `print` but not Python 3's name `print`.",
    examples: [],
    find: 'export const legacyPrint = new ExternalTokenizer(',
    replace: `const isWordChar = ch => ch == 95 || ch >= 48 && ch <= 57 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122 || ch >= 0xa1
// Words that may follow the name \`print\` in Python 3 (\`print if c else d\`, \`for print in x\`, \`[print for f in fs]\`).
const wordsAfterAName = new Set(["and", "or", "if", "else", "in", "is", "not", "for", "async", "as", "from"])

function startsLegacyPrintOperand(input, off) {
  let next = input.peek(off)
  if (next == singleQuote || next == doubleQuote || next >= 48 && next <= 57) return true
  if (!isWordChar(next)) return false
  let word = ""
  for (let ch = next; isWordChar(ch); ch = input.peek(++off)) word += String.fromCharCode(ch)
  return !wordsAfterAName.has(word)
}

export const legacyPrint = new ExternalTokenizer(`,
  },
  {
    id: "lambda-trailing-comma",
    file: "grammar",
    why: "A lambda's parameters may end in a comma (`lambda a,: 0`, `lambda *args,: 0`), as a `def`'s may.",
    examples: ["f = lambda a,: 0\ng = lambda *args,: 0\nh = lambda a, b, /, : a + b\n"],
    find: 'lambdaParams[@name="ParamList"] { (lambdaParam ("," lambdaParam)*)? }',
    replace: 'lambdaParams[@name="ParamList"] { (lambdaParam ("," lambdaParam)* ","?)? }',
  },
  {
    id: "blank-lines-as-skipped-newlines",
    file: "grammar",
    why:
      "Blank and comment-only lines were a compound skip rule (`blankLine`). Every reduction of that rule counts, in @lezer/lr 1.4, as a big left-associative reduction starting where the enclosing statement list starts; after 300 of them more than 2,000 characters into one statement list (the top level of a long script, a long class body), the parser forces its way out of the list and reports an error at a valid line. A blank line's line break is now a skipped token (like a line break inside brackets), so nothing is reduced.",
    examples: [],
    find: '@skip { space | newlineBracketed | Comment | blankLine }',
    replace: '@skip { space | newlineBracketed | Comment }',
  },
  {
    id: "blank-lines-as-skipped-newlines-rule",
    file: "grammar",
    why: "The compound skip rule for blank lines is gone (see blank-lines-as-skipped-newlines).",
    examples: [],
    find: '\n  blankLine {\n    blankLineStart space? Comment? (newline | eof)\n  }\n',
    replace: '',
  },
  {
    id: "blank-lines-as-skipped-newlines-token",
    file: "grammar",
    why: "The token that started a blank line is no longer produced.",
    examples: [],
    find: '@external tokens newlines from "./tokens" { newline, blankLineStart, newlineBracketed, eof }',
    replace: '@external tokens newlines from "./tokens" { newline, newlineBracketed, eof }',
  },
  {
    id: "blank-lines-as-skipped-newlines-import",
    file: "tokens",
    why: "The token that started a blank line is no longer produced.",
    examples: [],
    find: '  newline as newlineToken, eof, newlineBracketed, blankLineStart, indent, dedent, printKeyword,',
    replace: '  newline as newlineToken, eof, newlineBracketed, indent, dedent, printKeyword,',
  },
  {
    id: "blank-lines-as-skipped-newlines-tokenizer",
    file: "tokens",
    why:
      "The line break that ends a blank or comment-only line is skipped, like one inside brackets, unless the statement before it can end there (the line began inside a string that closes on it: `\"\"\"…\n# text\"\"\"`).",
    examples: ['x = """\n# not a comment"""\ny = 1\n'],
    find: `export const newlines = new ExternalTokenizer((input, stack) => {
  let prev
  if (input.next < 0) {
    input.acceptToken(eof)
  } else if (stack.context.flags & cx_Bracketed) {
    if (isLineBreak(input.next)) input.acceptToken(newlineBracketed, 1)
  } else if (((prev = input.peek(-1)) < 0 || isLineBreak(prev)) &&
             stack.canShift(blankLineStart)) {
    let spaces = 0
    while (input.next == space || input.next == tab) { input.advance(); spaces++ }
    if (input.next == newline || input.next == carriageReturn || input.next == hash)
      input.acceptToken(blankLineStart, -spaces)
  } else if (isLineBreak(input.next)) {
    input.acceptToken(newlineToken, 1)
  }
}, {contextual: true})`,
    replace: `export const newlines = new ExternalTokenizer((input, stack) => {
  if (input.next < 0) {
    input.acceptToken(eof)
  } else if (stack.context.flags & cx_Bracketed) {
    if (isLineBreak(input.next)) input.acceptToken(newlineBracketed, 1)
  } else if (isLineBreak(input.next)) {
    input.acceptToken(!stack.canShift(newlineToken) && lineIsBlank(input) ? newlineBracketed : newlineToken, 1)
  }
}, {contextual: true})

// Whether the line that ends at the input position holds nothing but whitespace and a comment (as text: its
// start may be inside a string that closes on it, which the caller tells by whether a statement can end here).
function lineIsBlank(input) {
  let first = -1 // the leftmost character that is not whitespace, so far
  for (let off = -1;; off--) {
    let ch = input.peek(off)
    if (ch < 0 || isLineBreak(ch)) return first < 0 || first == hash
    if (ch != space && ch != tab && ch != formFeed) first = ch
  }
}`,
  },
  {
    id: "blank-lines-as-skipped-newlines-form-feed",
    file: "tokens",
    why: "A form feed is whitespace on a blank line.",
    examples: [],
    find: 'const newline = 10, carriageReturn = 13, space = 32, tab = 9, hash = 35,',
    replace: 'const newline = 10, carriageReturn = 13, space = 32, tab = 9, formFeed = 12, hash = 35,',
  },
];

/** The upstream sources with every change applied. Throws when a change no longer applies exactly once. */
export function applyGrammarChanges(sources: UpstreamSources): UpstreamSources {
  const out = { ...sources };
  for (const change of GRAMMAR_CHANGES) {
    const text = out[change.file];
    const at = text.indexOf(change.find);
    if (at < 0 || text.indexOf(change.find, at + 1) >= 0) {
      throw new Error(
        `grammar change "${change.id}" does not apply to @lezer/python ${UPSTREAM_VERSION} ${change.file}: its text is ${at < 0 ? "missing" : "there more than once"}`,
      );
    }
    out[change.file] = text.slice(0, at) + change.replace + text.slice(at + change.find.length);
  }
  return out;
}
