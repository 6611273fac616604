/**
 * The server from TypeScript, under tsx: `npm run dev` (`--dev`), the system and browser tests and the benchmark.
 * Applies pending migrations in this process (the schema engine is not even loaded when the database is at the latest
 * migration), then serves (src/server/server.ts). The compiled production entry is src/server/start.ts.
 */
import { cannotStart, serve } from "./server";

serve({ dev: process.argv.includes("--dev") }).catch(cannotStart);
