/** Inputs of the version-history procedures and routes, shared by the browser and the server. */
import { z } from "zod";
import { expectedVersion, workflowId } from "./workflow";

export const DEFAULT_VERSIONS_PAGE = 50;

export const versionNumber = z.number({ message: "Not a version number." }).int("Not a version number.").min(1).max(2_147_483_647);

export const listVersionsInput = z.strictObject({
  id: workflowId,
  cursor: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(100).default(DEFAULT_VERSIONS_PAGE),
  /** Sent by tRPC's infinite queries; versions only page forwards (older). */
  direction: z.enum(["forward", "backward"]).optional(),
});

export const versionInput = z.strictObject({ id: workflowId, version: versionNumber });

export const restoreVersionInput = z.strictObject({ id: workflowId, version: versionNumber, expectedVersion });

/** `POST /api/workflows/:id/versions/:version/restore`. */
export const restoreVersionBody = z.strictObject({ expectedVersion });

export type ListVersionsInput = z.infer<typeof listVersionsInput>;
