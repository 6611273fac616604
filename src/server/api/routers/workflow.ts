import {
  createWorkflowInput,
  duplicateWorkflowInput,
  listWorkflowsInput,
  renameWorkflowInput,
  saveWorkflowInput,
  updateWorkflowInput,
  workflowIdInput,
} from "~/lib/validation/workflow";
import { listVersionsInput, restoreVersionInput, versionInput } from "~/lib/validation/history";
import { listTrashInput, trashedIdInput } from "~/lib/validation/trash";
import { importFilesInput } from "~/lib/validation/files";
import {
  workflowDeleted,
  workflowDetail,
  workflowGraphResult,
  workflowList,
} from "~/lib/validation/workflow-output";
import { getConfig } from "../../config";
import { boundedGraph } from "../../workflows/graph";
import * as history from "../../workflows/history";
import * as trash from "../../workflows/trash";
import * as files from "../../workflows/files";
import * as workflows from "../../workflows/service";
import { protectedProcedure, router } from "../trpc";

/** Every procedure runs as the signed-in owner; the scope carries the owner and the per-person limit. */
export const ownerProcedure = protectedProcedure.use(({ ctx, next }) => {
  const config = getConfig();
  const scope: workflows.WorkflowScope = {
    db: ctx.db,
    ownerId: ctx.user.id,
    limitPerOwner: config.WORKFLOW_LIMIT_PER_USER,
    storageLimitBytes: config.STORAGE_LIMIT_PER_USER_BYTES,
    history: { maxVersions: config.WORKFLOW_HISTORY_MAX_VERSIONS, fullDays: config.WORKFLOW_HISTORY_FULL_DAYS },
  };
  return next({ ctx: { scope } });
});

// Services throw AppErrors; the error formatter answers them with their own codes (see appErrorOf).
export const workflowRouter = router({
  save: ownerProcedure.input(saveWorkflowInput).output(workflowDetail).mutation(({ ctx, input }) => workflows.saveWorkflow(ctx.scope, input)),
  create: ownerProcedure.input(createWorkflowInput).output(workflowDetail).mutation(({ ctx, input }) => workflows.saveWorkflow(ctx.scope, input)),
  update: ownerProcedure
    .input(updateWorkflowInput)
    .output(workflowDetail)
    .mutation(({ ctx, input }) => workflows.changeWorkflow(ctx.scope, input.id, input)),
  list: ownerProcedure.input(listWorkflowsInput).output(workflowList).query(({ ctx, input }) => workflows.listWorkflows(ctx.scope, input)),
  get: ownerProcedure.input(workflowIdInput).output(workflowDetail).query(({ ctx, input }) => workflows.getWorkflow(ctx.scope, input.id)),
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
