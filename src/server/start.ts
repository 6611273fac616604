/**
 * `npm start`'s server, compiled by `npm run build` into dist/server/start.js and run with plain `node`: production
 * mode, a signing key kept in ./.data/ for the embedded database when AUTH_SECRET is not set, then the server without
 * the schema engine: when the database is behind the migration folder, the migrations run as a step of their own
 * (dist/server/migrate.js, a child process) before anything is served (docs/decisions/062, 108).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

(process.env as Record<string, string>).NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

// The embedded database is one process by construction: with no AUTH_SECRET, keep a generated signing key in
// ./.data/ next to it, so `npm start` needs no set-up. A PostgreSQL deployment (DATABASE_URL) must set AUTH_SECRET.
if (!process.env.AUTH_SECRET && !process.env.DATABASE_URL) {
  const { loadOrCreateSecretFile } = await import("./auth/keys");
  const file = process.env.AUTH_SECRET_FILE || ".data/auth-secret";
  const { secret, created } = loadOrCreateSecretFile(file);
  process.env.AUTH_SECRET = secret;
  process.stdout.write(
    created
      ? `AUTH_SECRET is not set: generated a signing key into ${file} (embedded database mode)\n`
      : `AUTH_SECRET is not set: using the signing key in ${file} (embedded database mode)\n`,
  );
}

/** Runs dist/server/migrate.js; when it fails (it has said why), this process exits with its status. */
function migrateApart(): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = spawn(process.execPath, [fileURLToPath(new URL("./migrate.js", import.meta.url))], { stdio: "inherit", env: process.env });
    step.on("error", reject);
    step.on("exit", (code) => {
      if (code === 0) resolve();
      else process.exit(code ?? 1);
    });
  });
}

const { cannotStart, serve } = await import("./server");
serve({ dev: false, migrateApart }).catch(cannotStart);
