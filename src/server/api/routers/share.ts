/**
 * Read-only share links (docs/decisions/090): the owner's procedures (create, list one workflow's, list all mine,
 * revoke) and the one public read, rate-limited per client address.
 */
import { z } from "zod";
import { createShareInput, shareIdInput, sharedTokenInput, workflowSharesInput } from "~/lib/validation/share";
import { createdShareLink, sharedWorkflow, shareLinkList, shareRevoked } from "~/lib/validation/share-output";
import { createShare, listMyShares, listShares, revokeShare } from "../../shares/links";
import { viewShared } from "../../shares/shared";
import { publicProcedure, router } from "../trpc";
import { ownerProcedure } from "./workflow";

export const MAX_SHARES_PAGE = 200;

const mineInput = z.strictObject({ limit: z.number().int().min(1).max(MAX_SHARES_PAGE).default(MAX_SHARES_PAGE) }).default({ limit: MAX_SHARES_PAGE });

export const shareRouter = router({
  create: ownerProcedure.input(createShareInput).output(createdShareLink).mutation(({ ctx, input }) => createShare(ctx.scope, input, ctx)),
  list: ownerProcedure.input(workflowSharesInput).output(shareLinkList).query(({ ctx, input }) => listShares(ctx.scope, input.id)),
  mine: ownerProcedure.input(mineInput).output(shareLinkList).query(({ ctx, input }) => listMyShares(ctx.scope, input)),
  revoke: ownerProcedure.input(shareIdInput).output(shareRevoked).mutation(({ ctx, input }) => revokeShare(ctx.scope, input.shareId, ctx)),
  /** No account needed: anyone holding the token. */
  view: publicProcedure.input(sharedTokenInput).output(sharedWorkflow).query(({ ctx, input }) => viewShared(ctx, input.token)),
});
