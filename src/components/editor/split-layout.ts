/**
 * The code | graph split on tablets and desktops, remembered in a cookie so the server renders the person's split
 * (no jump after hydration). Pure parsing, shared by the pages (server) and the editor (browser).
 */

export const SPLIT_COOKIE = "editor_split";
/** The code panel's share when nothing is remembered (percent). */
export const DEFAULT_CODE_PERCENT = 46;
export const MIN_CODE_PERCENT = 25;
export const MIN_GRAPH_PERCENT = 30;

export interface SplitLayout {
  [id: string]: number;
  code: number;
  graph: number;
}

/** The remembered split, or null for a missing or malformed cookie (or one outside the panels' limits). */
export function parseSplit(value: string | undefined | null): SplitLayout | null {
  if (!value) return null;
  const match = /^(\d{1,3}(?:\.\d{1,3})?)$/.exec(value.trim());
  if (!match) return null;
  const code = Number(match[1]);
  if (!(code >= MIN_CODE_PERCENT && code <= 100 - MIN_GRAPH_PERCENT)) return null;
  return { code, graph: Number((100 - code).toFixed(3)) };
}

/** The cookie's value for a layout (the code panel's percent, rounded to 0.1). */
export function formatSplit(layout: { [id: string]: number }): string | null {
  const code = layout.code;
  if (typeof code !== "number" || !Number.isFinite(code)) return null;
  return (Math.round(code * 10) / 10).toString();
}

/** The whole `document.cookie` assignment: a year, the whole site, never sent cross-site. */
export function splitCookie(layout: { [id: string]: number }): string | null {
  const value = formatSplit(layout);
  if (value === null || parseSplit(value) === null) return null;
  return `${SPLIT_COOKIE}=${value}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
