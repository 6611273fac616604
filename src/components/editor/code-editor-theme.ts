/**
 * CodeMirror's look, in CSS variables set on the editor's wrapper (light and dark by `prefers-color-scheme`, with
 * Tailwind's `dark:`), so the theme follows the system with no JavaScript and no flash on first paint.
 * Every text colour keeps at least 4.5:1 (WCAG AA) against the background it sits on, the active line's included:
 * line numbers and comments #5b6b82 / #7c8aa0 and #8b98ad, the placeholder #475569 / #94a3b8 (light / dark).
 */
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

export const EDITOR_THEME_VARS = [
  "[--cm-bg:#ffffff] [--cm-fg:#0f172a] [--cm-gutter-bg:#f8fafc] [--cm-gutter-fg:#5b6b82] [--cm-placeholder:#475569] [--cm-border:#e2e8f0]",
  "[--cm-active-line:#f1f5f9] [--cm-selection:#c7d2fe] [--cm-caret:#4f46e5] [--cm-match:#e0e7ff]",
  "[--cm-keyword:#7c3aed] [--cm-string:#047857] [--cm-number:#b45309] [--cm-comment:#5b6b82] [--cm-def:#1d4ed8]",
  "[--cm-call:#0e7490] [--cm-decorator:#be185d] [--cm-builtin:#9333ea] [--cm-punct:#475569]",
  "dark:[--cm-bg:#0b1120] dark:[--cm-fg:#e2e8f0] dark:[--cm-gutter-bg:#0b1120] dark:[--cm-gutter-fg:#7c8aa0] dark:[--cm-placeholder:#94a3b8]",
  "dark:[--cm-border:#1e293b] dark:[--cm-active-line:#111a2e] dark:[--cm-selection:#3730a3] dark:[--cm-caret:#a5b4fc]",
  "dark:[--cm-match:#312e81] dark:[--cm-keyword:#c4b5fd] dark:[--cm-string:#6ee7b7] dark:[--cm-number:#fcd34d]",
  "dark:[--cm-comment:#8b98ad] dark:[--cm-def:#93c5fd] dark:[--cm-call:#67e8f9] dark:[--cm-decorator:#f9a8d4]",
  "dark:[--cm-builtin:#d8b4fe] dark:[--cm-punct:#94a3b8]",
].join(" ");

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
