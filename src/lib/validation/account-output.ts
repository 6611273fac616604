/**
 * What the account's own end answers, declared once: `account.delete`'s output, and the three JSON files of
 * "Download my data" (`GET /api/me/export.zip`, docs/decisions/104), which the OpenAPI document describes.
 */
import { z } from "zod";

/** `account.delete` (and `DELETE /api/me`, which answers 204 with no body). */
export const accountDeleted = z.object({ deleted: z.literal(true) });

export const ACCOUNT_EXPORT_FORMAT = "workflow-studio-account-export";

const isoDate = z.string().describe("ISO 8601 date-time");

/** `account.json`: the profile. */
export const accountFile = z.object({
  format: z.literal(ACCOUNT_EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: isoDate,
  account: z.object({
    id: z.string().meta({ format: "uuid" }),
    email: z.string(),
    createdAt: isoDate,
    updatedAt: isoDate,
    /** When the address was verified (decision 099); null while it is not. */
    emailVerifiedAt: isoDate.nullable(),
  }),
});

/** A kept earlier version of a workflow, with its code. */
export const exportedVersion = z.object({
  version: z.number().int().positive(),
  name: z.string(),
  dialect: z.string(),
  savedAt: isoDate,
  code: z.string(),
});

/** One workflow in `workflows.json`: the current state, its trash state and every kept version. */
export const exportedWorkflow = z.object({
  id: z.string().meta({ format: "uuid" }),
  name: z.string(),
  file: z.string().describe("The current code's `.py` entry in the archive"),
  dialect: z.string(),
  tags: z.array(z.string()),
  version: z.number().int().positive().describe("The current version number"),
  createdAt: isoDate,
  updatedAt: isoDate,
  inTrash: z.boolean(),
  deletedAt: isoDate.nullable().describe("When it was moved to the trash"),
  code: z.string(),
  history: z.array(exportedVersion).describe("Kept earlier versions, newest first"),
});

export const workflowsFile = z.object({
  format: z.literal(ACCOUNT_EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: isoDate,
  workflows: z.array(exportedWorkflow),
});

/** One audit event about the person (docs/security/audit-log.md). */
export const exportedAuditEvent = z.object({
  createdAt: isoDate,
  type: z.string(),
  clientAddress: z.string(),
  userAgent: z.string().nullable(),
  requestId: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const auditEventsFile = z.object({
  format: z.literal(ACCOUNT_EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: isoDate,
  events: z.array(exportedAuditEvent),
});

export type AccountFile = z.infer<typeof accountFile>;
export type ExportedWorkflow = z.infer<typeof exportedWorkflow>;
export type ExportedAuditEvent = z.infer<typeof exportedAuditEvent>;
