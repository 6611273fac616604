/**
 * CodeMirror's colours as CSS variables on the editor's wrapper (light and dark by `prefers-color-scheme`, with
 * Tailwind's `dark:`). Apart from the theme (./code-editor-theme.ts) so the wrapper and its first-paint `<pre>` use
 * them without loading CodeMirror (docs/decisions/083).
 * Every text colour keeps at least 4.5:1 (WCAG AA) against the background it sits on, the active line's included:
 * line numbers and comments #5b6b82 / #7c8aa0 and #8b98ad, the placeholder #475569 / #94a3b8 (light / dark).
 */
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
