/**
 * Syntax errors from the Lezer tree: every error node (`⚠`) becomes a diagnostic, one per line. The tree comes
 * from our build of the Python grammar (./grammar), which accepts every file CPython parses (the standard
 * library and generated scripts are checked against CPython in the tests), so no error is filtered here.
 * An error at the end of an unclosed bracket or string is reported where that bracket opens,
 * which is the line the author has to fix.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { LineIndex } from "./lines";
import type { Diagnostic } from "./types";

const MAX_SYNTAX_DIAGNOSTICS = 20;

const CLOSERS: Record<string, string> = {
  ArgList: ")",
  ParamList: ")",
  ParenthesizedExpression: ")",
  TupleExpression: ")",
  ComprehensionExpression: ")",
  ArrayExpression: "]",
  ArrayComprehensionExpression: "]",
  DictionaryExpression: "}",
  DictionaryComprehensionExpression: "}",
  SetExpression: "}",
  SetComprehensionExpression: "}",
  PatternArgList: ")",
};

/** The bracket (or string) an error node sits at the unclosed end of, if any. */
function unclosedOpener(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node.parent;
  for (let depth = 0; n && depth < 4; depth++, n = n.parent) {
    if (n.name === "String" || n.name === "FormatString") {
      return n.lastChild && n.lastChild.type.isError ? n : null;
    }
    const closer = CLOSERS[n.name];
    if (closer) {
      const last = n.lastChild;
      return last && last.name !== closer ? n : null;
    }
    if (n.name === "MemberExpression") {
      // `x[` is a MemberExpression holding the subscript.
      if (childNamed(n, "[")) return n.lastChild && n.lastChild.name !== "]" ? n : null;
    }
    if (n.name === "WithStatement") {
      // `with (a as b, …` holds its parenthesized items directly.
      return childNamed(n, "(") && !childNamed(n, ")") ? n : null;
    }
  }
  return null;
}

function childNamed(n: SyntaxNode, name: string): SyntaxNode | null {
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === name) return c;
  return null;
}

/** Where the unclosed bracket (or string) starts. */
function openerFrom(n: SyntaxNode): number {
  if (n.name === "MemberExpression") return childNamed(n, "[")?.from ?? n.from;
  if (n.name === "WithStatement") return childNamed(n, "(")?.from ?? n.from;
  return n.from;
}

function describeOpener(code: string, n: SyntaxNode): string {
  if (n.name === "String" || n.name === "FormatString") return "string is never closed";
  // The opening bracket is the first bracket token among the children.
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name === "(" || c.name === "[" || c.name === "{") return `"${c.name}" is never closed`;
  }
  const ch = code[n.from] ?? "(";
  return `"${ch}" is never closed`;
}

/**
 * Lezer ends a single-quoted string at the line end without an error node; Python rejects it.
 * Checks the token's last characters without slicing the text.
 */
function isUnterminatedString(code: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && "rRbBuUfF".includes(code[i] ?? "")) i++;
  const q = code[i];
  if (q !== '"' && q !== "'") return false;
  const triple = code[i + 1] === q && code[i + 2] === q;
  const quoteLen = triple ? 3 : 1;
  if (to - i < quoteLen * 2) return true;
  for (let k = 1; k <= quoteLen; k++) if (code[to - k] !== q) return true;
  // An odd run of backslashes before the closing quote escapes it.
  let backslashes = 0;
  for (let k = to - quoteLen - 1; k > i && code[k] === "\\"; k--) backslashes++;
  return backslashes % 2 === 1;
}

export function syntaxDiagnostics(tree: Tree, code: string, lines: LineIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenLines = new Set<number>();
  const push = (from: number, to: number, message: string): void => {
    const line = lines.line(from);
    if (seenLines.has(line)) return;
    seenLines.add(line);
    out.push({ severity: "error", message, line, column: lines.column(from), from, to });
  };
  tree.iterate({
    enter(ref) {
      if (out.length >= MAX_SYNTAX_DIAGNOSTICS) return false;
      if (!ref.type.isError) {
        const name = ref.name;
        if ((name === "String" || name === "FormatString") && isUnterminatedString(code, ref.from, ref.to)) {
          push(ref.from, ref.to, "Syntax error: string is never closed");
          return false;
        }
        return undefined;
      }
      const opener = unclosedOpener(ref.node);
      if (opener) {
        // Report where the bracket opens, not where the parser gave up.
        const bracketFrom = openerFrom(opener);
        push(bracketFrom, Math.min(bracketFrom + 1, code.length), `Syntax error: ${describeOpener(code, opener)}`);
        return false;
      }
      if (ref.from === ref.to) {
        const msg = ref.from >= code.length ? "Syntax error: unexpected end of file" : "Syntax error: something is missing here";
        push(ref.from, ref.to, msg);
      } else {
        const snippet = code.slice(ref.from, Math.min(ref.to, ref.from + 20)).replace(/\s+/g, " ");
        push(ref.from, ref.to, `Syntax error: unexpected "${snippet}"`);
      }
      return false;
    },
  });
  out.sort((a, b) => a.from - b.from);
  return out;
}
