/** Why the server (or its migration step) cannot start, said plainly for a known cause; exits 1. */
import { ConfigError } from "./config";
import { DatabaseLockedError } from "./db/pglite-lock";
import { log } from "./log";

export function cannotStart(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
    process.stderr.write(`Workflow Studio cannot start: ${error.message}\n`);
  } else {
    log.fatal({ err: error }, "Workflow Studio cannot start");
  }
  process.exit(1);
}
