/**
 * What the version-history, trash and import procedures answer, declared once: the services' types and the OpenAPI
 * document both come from these schemas (as workflow-output.ts does for the workflow procedures).
 */
import { z } from "zod";
import { workflowListItem } from "./workflow-output";
import { workflowId } from "./workflow";

const isoDate = z.string().describe("ISO 8601 date-time");

export const versionItem = z.object({
  version: z.number().int(),
  name: z.string().describe("The workflow's name while this version was current"),
  savedAt: isoDate,
  current: z.boolean().describe("True for the workflow's current state"),
  size: z.object({ bytes: z.number().int(), lines: z.number().int() }),
  graph: workflowListItem.shape.graph,
});

export const versionDetail = versionItem.extend({ id: workflowId, code: z.string() });

export const versionList = z.object({ items: z.array(versionItem), nextCursor: z.string().nullable() });

export const trashedWorkflow = workflowListItem.extend({
  deletedAt: isoDate,
  purgeAt: isoDate.describe("When it is deleted for good"),
});

export const trashList = z.object({ items: z.array(trashedWorkflow), nextCursor: z.string().nullable(), retentionDays: z.number().int() });

const importResult = z.union([
  z.object({
    filename: z.string().describe("The file's name; for an entry of a .zip, `<archive>/<path in the archive>`"),
    ok: z.literal(true),
    workflow: z.object({ id: workflowId, name: z.string(), version: z.number().int() }),
    existing: z
      .literal(true)
      .optional()
      .describe("Set when a .zip entry was already there — a live workflow with the same name and code — so nothing was created"),
  }),
  z.object({ filename: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

export const importSummary = z.object({
  imported: z.number().int().describe("Workflows created"),
  skipped: z.number().int().describe("Entries of a .zip already there (same name and code): nothing created"),
  refused: z.number().int(),
  results: z.array(importResult),
});

export type WorkflowVersionItem = z.infer<typeof versionItem>;
export type WorkflowVersionDetail = z.infer<typeof versionDetail>;
export type TrashedWorkflow = z.infer<typeof trashedWorkflow>;
export type ImportResult = z.infer<typeof importResult>;
export type ImportSummary = z.infer<typeof importSummary>;
