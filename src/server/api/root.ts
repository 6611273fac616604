import { accountRouter } from "./routers/account";
import { authRouter } from "./routers/auth";
import { shareRouter } from "./routers/share";
import { systemRouter } from "./routers/system";
import { workflowRouter } from "./routers/workflow";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  workflow: workflowRouter,
  share: shareRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
