/**
 * The server from TypeScript, under tsx: `npm run dev` (`--dev`), the system and browser tests and the benchmark.
 * Applies pending migrations in this process, then serves (src/server/server.ts). The compiled production entry is
 * src/server/start.ts.
 */
import { cannotStart, serve } from "./server";

serve({ dev: process.argv.includes("--dev"), migrate: true }).catch(cannotStart);
