import {
  createWorkflowInput,
  duplicateWorkflowInput,
  listWorkflowsInput,
  renameWorkflowInput,
  saveWorkflowInput,
  setTagsInput,
  updateWorkflowInput,
  workflowIdInput,
} from "~/lib/validation/workflow";
import { listVersionsInput, restoreVersionInput, versionInput } from "~/lib/validation/history";
import { listTrashInput, trashedIdInput } from "~/lib/validation/trash";
import { importFilesInput } from "~/lib/validation/files";
import {
  tagCounts,
  workflowTags,
  workflowDeleted,
  workflowDetail,
  workflowGraphResult,
  workflowList,
} from "~/lib/validation/workflow-output";
import { boundedGraph } from "../../workflows/graph";
import * as history from "../../workflows/history";
import * as trash from "../../workflows/trash";
import * as files from "../../workflows/files";
import * as tags from "../../workflows/tags";
import * as workflows from "../../workflows/service";
import { builtOutput } from "../checked-output";
import { publicProcedure, router, signedInUser } from "../trpc";

/**
 * Every procedure runs as the signed-in owner; the scope carries the owner and the per-person limit. One middleware
 * for both (each tRPC middleware copies the context once more: issue 13's profile of the get).
 */
export const ownerProcedure = publicProcedure.use(({ ctx, next }) => {
  const user = signedInUser(ctx);
  return next({ ctx: { user, scope: workflows.ownerScope(ctx.db, user.id) } });
});

// Services throw AppErrors; the error formatter answers them with their own codes (see appErrorOf).
export const workflowRouter = router({
  save: ownerProcedure.input(saveWorkflowInput).output(workflowDetail).mutation(({ ctx, input }) => workflows.saveWorkflow(ctx.scope, input)),
  create: ownerProcedure.input(createWorkflowInput).output(workflowDetail).mutation(({ ctx, input }) => workflows.saveWorkflow(ctx.scope, input)),
  update: ownerProcedure
    .input(updateWorkflowInput)
    .output(workflowDetail)
    .mutation(({ ctx, input }) => workflows.changeWorkflow(ctx.scope, input.id, input)),
  // Checked in development and tests only: the service builds the page field by field (decision 105).
  list: ownerProcedure.input(listWorkflowsInput).output(builtOutput(workflowList)).query(({ ctx, input }) => workflows.listWorkflows(ctx.scope, input)),
  // Checked in development and tests only, as the list (decision 112).
  get: ownerProcedure.input(workflowIdInput).output(builtOutput(workflowDetail)).query(({ ctx, input }) => workflows.getWorkflow(ctx.scope, input.id)),
  graph: ownerProcedure.input(workflowIdInput).output(workflowGraphResult).query(async ({ ctx, input }) => {
    const workflow = await workflows.getWorkflow(ctx.scope, input.id);
    return { id: workflow.id, version: workflow.version, graph: await boundedGraph(workflow.code) };
  }),
  rename: ownerProcedure.input(renameWorkflowInput).output(workflowDetail).mutation(({ ctx, input }) => workflows.renameWorkflow(ctx.scope, input)),
  duplicate: ownerProcedure
    .input(duplicateWorkflowInput)
    .output(workflowDetail)
    .mutation(({ ctx, input }) => workflows.duplicateWorkflow(ctx.scope, input)),
  delete: ownerProcedure.input(workflowIdInput).output(workflowDeleted).mutation(async ({ ctx, input }) => {
    // Moves it to the trash (docs/decisions/077).
    await workflows.deleteWorkflow(ctx.scope, input.id);
    return { id: input.id, deleted: true as const, trashed: true as const };
  }),
  // Tags (docs/decisions/087): set apart from the code, listed for the dashboard's filter.
  setTags: ownerProcedure.input(setTagsInput).output(workflowTags).mutation(({ ctx, input }) => tags.setTags(ctx.scope, input.id, input.tags)),
  tags: ownerProcedure.output(tagCounts).query(({ ctx }) => tags.listTags(ctx.scope)),
  trash: ownerProcedure.input(listTrashInput).query(({ ctx, input }) => trash.listTrash(ctx.scope, input)),
  restoreFromTrash: ownerProcedure.input(trashedIdInput).mutation(({ ctx, input }) => trash.restoreFromTrash(ctx.scope, input.id)),
  deleteForever: ownerProcedure.input(trashedIdInput).mutation(({ ctx, input }) => trash.deleteForever(ctx.scope, input.id)),
  // Version history (docs/decisions/075) and the person's storage (076).
  versions: ownerProcedure.input(listVersionsInput).query(({ ctx, input }) => history.listVersions(ctx.scope, input)),
  version: ownerProcedure.input(versionInput).query(({ ctx, input }) => history.getVersion(ctx.scope, input)),
  restore: ownerProcedure.input(restoreVersionInput).mutation(({ ctx, input }) => history.restoreVersion(ctx.scope, input)),
  storage: ownerProcedure.query(({ ctx }) => history.storageUsage(ctx.scope)),
  // Workflows as .py files (docs/decisions/078).
  exportFile: ownerProcedure.input(workflowIdInput).query(({ ctx, input }) => files.exportFile(ctx.scope, input.id)),
  importFiles: ownerProcedure.input(importFilesInput).mutation(({ ctx, input }) =>
    files.importFiles(
      ctx.scope,
      input.files.map((file) => ({ filename: file.filename, bytes: Buffer.from(file.base64, "base64") })),
    ),
  ),
});
