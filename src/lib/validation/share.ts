/** Inputs of the share-link procedures and routes (docs/decisions/090), shared by the browser and the server. */
import { z } from "zod";
import { versionNumber } from "./history";
import { workflowId } from "./workflow";

/** How long a new link lives; "never" until it is revoked. */
export const SHARE_EXPIRIES = ["1d", "7d", "30d", "never"] as const;
export type ShareExpiry = (typeof SHARE_EXPIRIES)[number];
export const DEFAULT_SHARE_EXPIRY: ShareExpiry = "7d";
export const SHARE_EXPIRY_DAYS: Record<ShareExpiry, number | null> = { "1d": 1, "7d": 7, "30d": 30, never: null };

/** Links one workflow may have at a time (expired ones count until they are revoked). */
export const MAX_SHARES_PER_WORKFLOW = 20;

const shareFields = {
  expiresIn: z.enum(SHARE_EXPIRIES, { message: `One of ${SHARE_EXPIRIES.join(", ")}.` }).default(DEFAULT_SHARE_EXPIRY),
  /** "latest": the code current when the link is opened; a number: that version only, pinned. */
  version: z.union([z.literal("latest"), versionNumber], { message: 'A version number, or "latest".' }).default("latest"),
};

export const createShareInput = z.strictObject({ id: workflowId, ...shareFields });

/** `POST /api/workflows/:id/shares`: the id is in the path. */
export const createShareBody = z.strictObject(shareFields);

export const workflowSharesInput = z.strictObject({ id: workflowId });

export const shareIdInput = z.strictObject({ shareId: z.uuid({ message: "Not a share link id." }) });

/**
 * Any text is a token to look up, hashed and not found: a malformed one answers the same 404 as a wrong one, never a
 * 400 that would tell them apart (the request's own size limits bound it).
 */
export const sharedTokenInput = z.strictObject({ token: z.string() });

export type CreateShareInput = z.infer<typeof createShareInput>;
