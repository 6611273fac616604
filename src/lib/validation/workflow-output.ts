/**
 * What the workflow procedures and REST routes answer, declared once: the procedures' `.output()`, the types the
 * services and the UI use, and the OpenAPI document all come from these schemas.
 */
import { z } from "zod";
import type { WorkflowGraph } from "../visualizer/types";
import { DIALECTS } from "./workflow";

export const MAX_SNIPPET_LENGTH = 160;

/**
 * Ids and dates are checked as strings when a procedure answers and documented with their formats: the server makes
 * them itself, and a regular expression per value costs a list page about half its validation time (decision 066).
 * The OpenAPI conformance test checks the formats of real answers.
 */
const workflowId = z.string().meta({ format: "uuid" });
const isoDateTime = z.string().meta({ format: "date-time", description: "ISO 8601 date-time" });
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
  tags: z.array(z.string()).describe("The workflow's tags, normalised (lower-case), in the order they were given"),
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

const sourceSpan = z
  .object({ from: count, to: count, startLine: z.number().int().positive(), endLine: z.number().int().positive() })
  .describe("Character offsets [from, to) and 1-based lines of the source");

const NODE_ROLES = [
  "node", "tools", "agent", "subgraph", "graph", "entrypoint", "task", "operator", "sensor", "branch", "dag", "task_group",
  "dataset", "flow", "op", "asset", "multi_asset", "graph_asset", "job", "asset_group", "pipeline", "parameters", "function", "block",
] as const;

const graphNode = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(["step", "start", "end", "group", "dataset"]),
  source: sourceSpan.nullable(),
  definition: sourceSpan.nullable(),
  parent: z.string().nullable(),
  many: z.boolean().optional(),
  role: z.enum(NODE_ROLES).optional(),
  detail: z.string().optional(),
  inputs: z.array(z.string()).optional(),
  outputs: z.array(z.string()).optional(),
  doc: z.string().optional(),
});

const graphEdge = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  kind: z.enum(["flow", "data", "conditional"]),
  label: z.string().optional(),
  inferred: z.boolean().optional(),
  count: z.number().int().optional(),
});

const diagnostic = z.object({
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  from: count,
  to: count,
});

/** The visualizer's graph (src/lib/visualizer/types.ts); `satisfies` keeps the two in step. */
export const workflowGraph = z.object({
  dialect: z.enum(DIALECTS),
  nodes: z.array(graphNode),
  edges: z.array(graphEdge),
  diagnostics: z.array(diagnostic),
}) satisfies z.ZodType<WorkflowGraph>;

export const workflowGraphResult = z.object({ id: workflowId, version: z.number().int().positive(), graph: workflowGraph });

/** What `workflow.setTags` and `PUT /api/workflows/:id/tags` answer: the tags as stored. */
export const workflowTags = z.object({ id: workflowId, tags: z.array(z.string()) });

/** The person's tags in use on live (not trashed) workflows, A–Z, each with how many workflows carry it. */
export const tagCounts = z.object({ items: z.array(z.object({ tag: z.string(), count: count })) });

/** A delete moves the workflow to the trash (docs/decisions/077): `trashed` says so. */
export const workflowDeleted = z.object({ id: workflowId, deleted: z.literal(true), trashed: z.literal(true) });

export type WorkflowMatch = z.infer<typeof workflowMatch>;
export type WorkflowListItem = z.infer<typeof workflowListItem>;
export type WorkflowListEntry = z.infer<typeof workflowListEntry>;
export type WorkflowList = z.infer<typeof workflowList>;
export type WorkflowDetail = z.infer<typeof workflowDetail>;
export type WorkflowTags = z.infer<typeof workflowTags>;
export type TagCounts = z.infer<typeof tagCounts>;
export type WorkflowGraphResult = z.infer<typeof workflowGraphResult>;
