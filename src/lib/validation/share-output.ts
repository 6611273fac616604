/**
 * What the share-link procedures and routes answer (docs/decisions/090), declared once: the services' types, the
 * procedures' `.output()` and the OpenAPI document come from these schemas. The shared view holds no owner, no
 * workflow id and nothing about other workflows.
 */
import { z } from "zod";

const id = z.string().meta({ format: "uuid" });
const isoDateTime = z.string().meta({ format: "date-time", description: "ISO 8601 date-time" });

export const shareLink = z.object({
  id,
  workflowId: id,
  workflowName: z.string().describe("The workflow's current name"),
  createdAt: isoDateTime,
  expiresAt: isoDateTime.nullable().describe("null: never expires"),
  expired: z.boolean().describe("True once expiresAt has passed: the link answers 404 until revoked and removed"),
  pinnedVersion: z.number().int().positive().nullable().describe("null: shows the code current when opened"),
});

export const shareLinkList = z.object({ items: z.array(shareLink) });

export const createdShareLink = z.object({
  link: shareLink,
  token: z.string().describe("The link's secret: shown this once, stored only as its SHA-256"),
  path: z.string().describe("/s/<token>"),
  url: z.string().describe("The link at the app's URL"),
});

export const shareRevoked = z.object({ id, revoked: z.literal(true) });

export const sharedWorkflow = z.object({
  name: z.string(),
  code: z.string(),
  version: z.number().int().positive(),
  savedAt: isoDateTime,
  pinned: z.boolean().describe("True when the link shows one version only"),
  expiresAt: isoDateTime.nullable(),
});

export type ShareLinkItem = z.infer<typeof shareLink>;
export type CreatedShareLink = z.infer<typeof createdShareLink>;
export type SharedWorkflow = z.infer<typeof sharedWorkflow>;
