/** What `system.health` (and `GET /api/health`) answers: whether the database answers, and its migrations. */
import { z } from "zod";

export const healthReport = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["pglite", "postgres"]),
  migrations: z.number().int().nonnegative(),
});

export type HealthReport = z.infer<typeof healthReport>;
