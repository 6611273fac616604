import {
  createWorkflowInput,
  duplicateWorkflowInput,
  listWorkflowsInput,
  renameWorkflowInput,
  saveWorkflowInput,
  updateWorkflowInput,
  workflowIdInput,
} from "~/lib/validation/workflow";
import {
  workflowDeleted,
  workflowDetail,
  workflowGraphResult,
  workflowList,
} from "~/lib/validation/workflow-output";
import { getConfig } from "../../config";
import { boundedGraph } from "../../workflows/graph";
import * as workflows from "../../workflows/service";
import { protectedProcedure, router } from "../trpc";

/** Every procedure runs as the signed-in owner; the scope carries the owner and the per-person limit. */
const ownerProcedure = protectedProcedure.use(({ ctx, next }) =>
  next({ ctx: { scope: { db: ctx.db, ownerId: ctx.user.id, limitPerOwner: getConfig().WORKFLOW_LIMIT_PER_USER } } }),
);

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
    await workflows.deleteWorkflow(ctx.scope, input.id);
    return { id: input.id, deleted: true as const };
  }),
});
