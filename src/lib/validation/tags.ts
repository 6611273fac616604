/**
 * Workflow tags (docs/decisions/087): free-form labels, normalised so that "ETL", " etl " and "Etl" are one tag.
 * Shared by the browser (the tag editors) and the server (the procedures, the REST routes, the .zip import).
 */
import { z } from "zod";

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

const tag = z
  .string()
  .max(MAX_TAG_LENGTH * 8, `A tag has at most ${MAX_TAG_LENGTH} characters.`)
  .transform(normaliseTag)
  .superRefine((value, ctx) => {
    const problem = tagProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A workflow's tags: each normalised, duplicates (after normalising) dropped in order, at most 10. */
export const tagList = z
  .array(tag)
  .max(MAX_TAGS * 4, `A workflow has at most ${MAX_TAGS} tags.`)
  .transform((tags) => [...new Set(tags)])
  .refine((tags) => tags.length <= MAX_TAGS, `A workflow has at most ${MAX_TAGS} tags.`);

/** `PUT /api/workflows/:id/tags`. */
export const setTagsBody = z.strictObject({ tags: tagList });

/** A tag as a filter (`?tag=` on the list): normalised like a stored tag, so "ETL" finds "etl". */
export const tagFilter = z
  .array(tag)
  .max(MAX_TAGS, `Filter by at most ${MAX_TAGS} tags.`)
  .transform((tags) => [...new Set(tags)]);
