/**
 * CodeMirror's look, in CSS variables set on the editor's wrapper (light and dark by `prefers-color-scheme`, with
 * Tailwind's `dark:`), so the theme follows the system with no JavaScript and no flash on first paint.
 * Every text colour keeps at least 4.5:1 (WCAG AA) against the background it sits on, the active line's included:
 * line numbers and comments #5b6b82 / #7c8aa0 and #8b98ad, the placeholder #475569 / #94a3b8 (light / dark).
 */
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

export { EDITOR_THEME_VARS } from "./code-editor-vars";

const MONO = 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace';

const chrome = EditorView.theme({
  "&": { height: "100%", backgroundColor: "var(--cm-bg)", color: "var(--cm-fg)", fontSize: "13px" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: MONO, lineHeight: "1.65" },
  ".cm-content": { caretColor: "var(--cm-caret)", padding: "12px 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--cm-caret)", borderLeftWidth: "2px" },
  ".cm-gutters": {
    backgroundColor: "var(--cm-gutter-bg)",
    color: "var(--cm-gutter-fg)",
    border: "none",
    borderRight: "1px solid var(--cm-border)",
  },
  ".cm-lineNumbers .cm-gutterElement": { padding: "0 10px 0 14px" },
  ".cm-activeLine": { backgroundColor: "var(--cm-active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--cm-active-line)", color: "var(--cm-fg)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--cm-selection) !important",
  },
  ".cm-selectionMatch": { backgroundColor: "var(--cm-match)" },
  ".cm-matchingBracket, &.cm-focused .cm-matchingBracket": { backgroundColor: "var(--cm-match)", outline: "none" },
  ".cm-placeholder": { color: "var(--cm-placeholder)", fontStyle: "italic" },
  ".cm-foldPlaceholder": { backgroundColor: "var(--cm-active-line)", border: "1px solid var(--cm-border)", color: "var(--cm-fg)" },
  ".cm-tooltip": {
    backgroundColor: "var(--cm-bg)",
    color: "var(--cm-fg)",
    border: "1px solid var(--cm-border)",
    borderRadius: "6px",
    boxShadow: "0 8px 24px rgb(15 23 42 / 0.15)",
  },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "var(--cm-selection)", color: "var(--cm-fg)" },
  ".cm-diagnostic": { fontFamily: "inherit", padding: "4px 8px" },
  ".cm-lint-marker": { width: "0.9em", height: "0.9em" },
});

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: "var(--cm-keyword)" },
  { tag: [t.string, t.special(t.string), t.docString], color: "var(--cm-string)" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "var(--cm-number)" },
  { tag: [t.comment, t.lineComment], color: "var(--cm-comment)", fontStyle: "italic" },
  { tag: [t.function(t.definition(t.variableName)), t.definition(t.className)], color: "var(--cm-def)", fontWeight: "600" },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: "var(--cm-call)" },
  { tag: [t.meta], color: "var(--cm-decorator)" },
  { tag: [t.self, t.standard(t.variableName), t.className], color: "var(--cm-builtin)" },
  { tag: [t.punctuation, t.operator, t.bracket], color: "var(--cm-punct)" },
  { tag: t.invalid, color: "#dc2626" },
]);

export const editorTheme = [chrome, syntaxHighlighting(highlight)];
