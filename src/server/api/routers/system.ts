import { healthReport } from "~/lib/validation/health-output";
import { getConfig } from "../../config";
import { checkHealth } from "../../services/health";
import { publicProcedure, router } from "../trpc";

export const systemRouter = router({
  health: publicProcedure.output(healthReport).query(({ ctx }) => checkHealth(ctx.db, getConfig().DATABASE_TIMEOUT_MS)),
});
