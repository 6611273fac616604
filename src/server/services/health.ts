import type { HealthReport } from "~/lib/validation/health-output";
import type { Database } from "../db/client";
import { countAppliedMigrations } from "../db/migration-status";
import { log } from "../log";

export type { HealthReport } from "~/lib/validation/health-output";

/** Whether the database answers, and how many migrations it has. Never throws. */
export async function checkHealth(db: Database, timeoutMs: number): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("health check timed out")), timeoutMs);
    });
    const migrations = await Promise.race([countAppliedMigrations(db), timeout]);
    return { status: "ok", database: db.kind, migrations };
  } catch (error) {
    log.warn({ err: { message: (error as Error).message } }, "health check: database unavailable");
    return { status: "unavailable", database: db.kind, migrations: 0 };
  } finally {
    clearTimeout(timer);
  }
}
