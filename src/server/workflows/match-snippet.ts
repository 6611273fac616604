/**
 * The snippet a search result shows for a hit in the code: the line holding the first hit, cut to at most
 * MAX_SNIPPET_LENGTH characters around the hit. The database sends only an excerpt around the hit (never the whole
 * code); positions are in characters (code points), as PostgreSQL counts them.
 */
import { MAX_SNIPPET_LENGTH } from "~/lib/validation/workflow-output";

const ELLIPSIS = "…";
/** Characters of the line kept before the hit when the line is cut. */
const LEAD = 40;

export interface CodeExcerpt {
  /** The code from `excerptStart` on, a few hundred characters. */
  excerpt: string;
  /** 1-based position of `excerpt` in the code. */
  excerptStart: number;
  /** 1-based position of the hit in the code; 0 when the database found none (folded case beyond lower()). */
  hitAt: number;
  /** Length of the searched text in characters. */
  hitLength: number;
}

/** Tabs and other control characters become spaces, so the snippet is one plain line of text. */
const plain = (text: string) => text.replace(/[\p{Cc}\u2028\u2029]/gu, " ");

export function codeSnippet({ excerpt, excerptStart, hitAt, hitLength }: CodeExcerpt): string {
  const chars = Array.from(excerpt);
  const hit = hitAt > 0 ? Math.min(Math.max(hitAt - excerptStart, 0), chars.length) : 0;
  let lineStart = hit > 0 ? chars.lastIndexOf("\n", hit - 1) + 1 : 0;
  let lineEnd = chars.indexOf("\n", hit);
  if (lineEnd === -1) lineEnd = chars.length;
  // Leading indentation says nothing in a one-line snippet.
  while (lineStart < hit && (chars[lineStart] === " " || chars[lineStart] === "\t")) lineStart++;
  while (lineEnd > lineStart && /\s/.test(chars[lineEnd - 1]!)) lineEnd--;
  if (lineEnd - lineStart <= MAX_SNIPPET_LENGTH) return plain(chars.slice(lineStart, lineEnd).join(""));

  // A long line: a window that starts a little before the hit (at the hit when a long hit would not fit),
  // marked with ellipses where it was cut.
  const room = MAX_SNIPPET_LENGTH - 2 * ELLIPSIS.length;
  let start = Math.max(lineStart, hit - LEAD);
  if (hit + hitLength > start + room) start = Math.max(lineStart, Math.min(hit, hit + hitLength - room));
  const before = start > lineStart ? ELLIPSIS : "";
  let end = Math.min(lineEnd, start + MAX_SNIPPET_LENGTH - before.length);
  const after = end < lineEnd ? ELLIPSIS : "";
  end -= after.length;
  return plain(before + chars.slice(start, end).join("") + after);
}
