/** The peer's router: only what the benchmark asks of it. */
import { workflowRouter } from "~/server/api/routers/workflow";
import { createTRPCRouter } from "~/server/api/trpc";

export const appRouter = createTRPCRouter({
  workflow: workflowRouter,
});

export type AppRouter = typeof appRouter;
