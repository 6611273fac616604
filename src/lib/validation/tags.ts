/**
 * Workflow tags (docs/decisions/087): free-form labels, normalised so that "ETL", " etl " and "Etl" are one tag.
 * Shared by the browser (the tag editors) and the server (the procedures, the REST routes, the .zip import).
 */
import { z } from "zod";

import { MAX_TAG_LENGTH, MAX_TAGS, normaliseTag, tagProblem } from "./tag-rules";

export * from "./tag-rules";

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
