/**
 * The editor's Python language: @codemirror/lang-python's language support rebuilt on the visualizer's own parser
 * (our build of the grammar, src/lib/visualizer/grammar), so the tree CodeMirror parses incrementally and hands
 * to `visualizeTree` on each keystroke is the tree `parsePython` gives: the editor and the graph agree on what is
 * a syntax error.
 *
 * Nothing of lang-python is rewritten here: its indentation and folding rules are read from its own parser's
 * node types (by node name, which our grammar keeps), its language data (brackets to close, comment token,
 * re-indent triggers) from its own language, and its completion sources are imported. Highlighting comes with the
 * parser (the grammar's own style tags).
 */
import { globalCompletion, localCompletionSource, python as upstreamPython, pythonLanguage as upstreamLanguage } from "@codemirror/lang-python";
import { foldNodeProp, indentNodeProp, LanguageSupport, LRLanguage } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import type { NodeProp } from "@lezer/common";
import { parser } from "~/lib/visualizer/grammar";

/** The values lang-python's parser attaches to node types for `prop`, keyed by node name. */
function upstreamProps<T>(prop: NodeProp<T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const type of upstreamLanguage.parser.nodeSet.types) {
    const value = type.prop(prop);
    if (value !== undefined && type.name) out[type.name] = value;
  }
  return out;
}

/** The language data lang-python declares, as an editor with it reports them. */
function upstreamLanguageData(names: readonly string[]): Record<string, unknown> {
  const state = EditorState.create({ extensions: upstreamPython() });
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const [value] = state.languageDataAt<unknown>(name, 0);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export const pythonLanguage = LRLanguage.define({
  name: "python",
  parser: parser.configure({
    props: [indentNodeProp.add(upstreamProps(indentNodeProp)), foldNodeProp.add(upstreamProps(foldNodeProp))],
  }),
  languageData: upstreamLanguageData(["closeBrackets", "commentTokens", "indentOnInput"]),
});

/** Python language support for the editor: lang-python's `python()` on our parser. */
export function python(): LanguageSupport {
  return new LanguageSupport(pythonLanguage, [
    pythonLanguage.data.of({ autocomplete: localCompletionSource }),
    pythonLanguage.data.of({ autocomplete: globalCompletion }),
  ]);
}
