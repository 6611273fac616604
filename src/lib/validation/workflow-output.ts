/**
 * What the workflow procedures and REST routes answer, declared once: the procedures' `.output()`, the types the
 * services and the UI use, and the OpenAPI document all come from these schemas.
 */
import { z } from "zod";
import { workflowId } from "./workflow";

export const MAX_SNIPPET_LENGTH = 160;

const isoDateTime = z.iso.datetime({ offset: true }).describe("ISO 8601 date-time");
const count = z.number().int().nonnegative();

/** Where a search found a workflow: its name, its framework or a line of its code. */
export const workflowMatch = z
  .object({
    field: z.enum(["name", "dialect", "code"]),
    snippet: z.string().max(MAX_SNIPPET_LENGTH).describe("Plain text around the first hit (the name, the framework's name or the line of code)"),
    line: z.number().int().positive().nullable().describe("The 1-based line of the first hit in the code; null for the name and the framework"),
  })
  .describe("Where the search matched; null when the list was not searched");

export const workflowListItem = z.object({
  id: workflowId,
  name: z.string(),
  version: z.number().int().positive(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  size: z.object({ bytes: count, lines: count }),
  graph: z
    .object({ dialect: z.string(), nodes: count.nullable(), edges: count.nullable() })
    .describe('The graph\'s counts; null (and dialect "unknown") when they were not counted within the server\'s time budget at save time'),
});

export const workflowListEntry = workflowListItem.extend({ match: workflowMatch.nullable() });

export const workflowList = z.object({
  items: z.array(workflowListEntry),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
});

export const workflowDetail = workflowListItem.extend({ code: z.string() });

export type WorkflowMatch = z.infer<typeof workflowMatch>;
export type WorkflowListItem = z.infer<typeof workflowListItem>;
export type WorkflowListEntry = z.infer<typeof workflowListEntry>;
export type WorkflowList = z.infer<typeof workflowList>;
export type WorkflowDetail = z.infer<typeof workflowDetail>;
