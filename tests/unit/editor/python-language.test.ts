/**
 * The editor's Python language runs the visualizer's parser, with lang-python's indentation, folding, highlighting
 * and language data.
 */
import { python as upstreamPython, pythonLanguage as upstreamLanguage } from "@codemirror/lang-python";
import { ensureSyntaxTree, foldable, getIndentation, indentUnit, syntaxTree } from "@codemirror/language";
import { EditorState, type Extension } from "@codemirror/state";
import { classHighlighter, highlightTree } from "@lezer/highlight";
import { describe, expect, it } from "vitest";
import { python, pythonLanguage } from "~/components/editor/python-language";
import { parsePython, visualizeTree } from "~/lib/visualizer";

/** A state whose syntax tree covers the whole document (the first parse may stop at a time budget). */
function parsed(state: EditorState): EditorState {
  if (!ensureSyntaxTree(state, state.doc.length, 5_000)) throw new Error("the editor did not finish parsing");
  return state.update({}).state;
}

const stateOf = (doc: string, extensions: Extension = python()) => parsed(EditorState.create({ doc, extensions }));
const treeOf = (state: EditorState) => syntaxTree(state);

describe("the editor's Python language", () => {
  it("parses with the visualizer's parser: the editor's tree is parsePython's, valid code has no error", () => {
    const code = "with open(p) as (a, b):\n    yield\nx = 24.\nclass C(Generic[*Ts]):\n    pass\n";
    const tree = treeOf(stateOf(code));
    expect(tree.toString()).toBe(parsePython(code).toString());
    expect(visualizeTree(tree, code).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // lang-python's own parser reads the same code with errors.
    expect(upstreamLanguage.parser.parse(code).toString()).toContain("⚠");
  });

  it("indents as lang-python does: after a block opener, inside brackets, after a dedenting keyword", () => {
    const doc =
      "def f(x):\n    if x:\n        return [\n            1,\n        ]\n    else:\n        pass\n        # a note\n\n    return {\n        'a': 1,\n    }\n\n\n# the end\nclass C:\n    x = 1\n    \n";
    const ours = stateOf(doc, [python(), indentUnit.of("    ")]);
    const theirs = stateOf(doc, [upstreamPython(), indentUnit.of("    ")]);
    expect(treeOf(ours).length).toBe(doc.length);
    expect(getIndentation(ours, ours.doc.line(1).to)).toBe(4);
    expect(getIndentation(ours, ours.doc.line(2).to)).toBe(8);
    expect(getIndentation(ours, ours.doc.line(4).from)).toBe(12);
    for (let n = 1; n <= ours.doc.lines; n++) {
      for (const pos of [ours.doc.line(n).from, ours.doc.line(n).to]) {
        expect(getIndentation(ours, pos), `line ${n} at ${pos}`).toBe(getIndentation(theirs, pos));
      }
    }
  });

  it("folds a function body and a long literal", () => {
    const state = stateOf('def f():\n    a = 1\n    return a\n\nTABLE = [\n    1,\n    2,\n]\n');
    const line = (n: number) => state.doc.line(n);
    expect(foldable(state, line(1).from, line(1).to)).toEqual({ from: line(1).to, to: line(3).to });
    expect(foldable(state, line(5).from, line(5).to)).not.toBeNull();
  });

  it("highlights keywords, names, strings, numbers, comments and decorators", () => {
    const code = '@task(retries=2)\ndef load(path: str) -> int:  # read it\n    return len(f"{path}") + 42\n';
    const tree = treeOf(stateOf(code));
    const classes = new Map<string, string>();
    highlightTree(tree, classHighlighter, (from, to, cls) => classes.set(code.slice(from, to), cls));
    expect(classes.get("def")).toContain("tok-keyword");
    expect(classes.get("return")).toContain("tok-keyword");
    expect(classes.get("load")).toContain("tok-definition");
    expect(classes.get("# read it")).toContain("tok-comment");
    expect(classes.get("42")).toContain("tok-number");
    expect(classes.get("@")).toContain("tok-meta");
    expect([...classes.values()].some((c) => c.includes("tok-string"))).toBe(true);
  });

  it("has lang-python's language data: brackets to close, comment token, completion", () => {
    const state = stateOf("");
    expect(state.facet(EditorState.languageData)).toBeDefined();
    const closeBrackets = state.languageDataAt<{ brackets: string[] }>("closeBrackets", 0)[0];
    expect(closeBrackets?.brackets).toEqual(expect.arrayContaining(["(", "[", "{", "'", '"', "'''", '"""']));
    expect(state.languageDataAt<{ line: string }>("commentTokens", 0)[0]).toEqual({ line: "#" });
    expect(state.languageDataAt<RegExp>("indentOnInput", 0)[0]?.test("    else:")).toBe(true);
    expect(state.languageDataAt("autocomplete", 0)).toHaveLength(2);
    expect(pythonLanguage.name).toBe("python");
  });
});
