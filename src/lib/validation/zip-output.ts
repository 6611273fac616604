/**
 * `workflows.json`, the manifest in an exported archive (docs/decisions/088): declared once, written by the export,
 * read (leniently) by the import, described in the OpenAPI document.
 */
import { z } from "zod";

export const MANIFEST_FORMAT = "workflow-studio-export";

export const manifestWorkflow = z.object({
  file: z.string().describe("The entry's path in the archive"),
  name: z.string().describe("The workflow's name (the file name may have had characters replaced)"),
  tags: z.array(z.string()),
  dialect: z.string(),
  createdAt: z.string().describe("ISO 8601 date-time"),
  updatedAt: z.string().describe("ISO 8601 date-time"),
  versions: z.number().int().positive().describe("Versions in its history, the current one included"),
  sha256: z.string().describe("SHA-256 of the file's bytes, lower-case hex"),
});

export const exportManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  workflows: z.array(manifestWorkflow),
});

export type ManifestWorkflow = z.infer<typeof manifestWorkflow>;
export type ExportManifest = z.infer<typeof exportManifest>;
