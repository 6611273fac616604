/**
 * Workflow tags' rules without zod (docs/decisions/087, 083): what the browser's tag editors and the dashboard's filter
 * need, so those pages do not load zod. The schemas built on them are in ./tags.ts, which re-exports this module.
 */
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 32;

/** Letters, marks and digits of any script, spaces and `- _ . + #`; nothing that separates a list (`,`) or a path. */
const TAG_CHARACTERS = /^[\p{L}\p{M}\p{N} ._+#-]+$/u;

/** NFC, trimmed, inner whitespace collapsed to one space, lower-case. */
export function normaliseTag(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();
}

/** Why a (normalised) tag is refused, or null. */
export function tagProblem(tag: string): string | null {
  if (tag.length === 0) return "A tag cannot be empty.";
  if (Array.from(tag).length > MAX_TAG_LENGTH) return `A tag has at most ${MAX_TAG_LENGTH} characters.`;
  if (!TAG_CHARACTERS.test(tag)) return "A tag holds letters, digits, spaces and - _ . + # only.";
  return null;
}
