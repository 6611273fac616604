/**
 * `npm start`: builds for production when there is no build or the sources are newer than it,
 * then runs the server (which applies migrations before it serves).
 */
import { spawnSync } from "node:child_process";
import { builtAt, buildIsFresh } from "./lib/build-freshness";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const lastBuild = builtAt(distDir);
if (!buildIsFresh(distDir)) {
  process.stdout.write(lastBuild === 0 ? "No production build yet: building…\n" : "Sources changed since the last build: rebuilding…\n");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The embedded database is one process by construction: with no AUTH_SECRET, keep a generated signing key in
// ./.data/ next to it, so `npm start` needs no set-up. A PostgreSQL deployment (DATABASE_URL) must set AUTH_SECRET.
if (!process.env.AUTH_SECRET && !process.env.DATABASE_URL) {
  const { loadOrCreateSecretFile } = await import("../src/server/auth/keys");
  const file = process.env.AUTH_SECRET_FILE || ".data/auth-secret";
  const { secret, created } = loadOrCreateSecretFile(file);
  process.env.AUTH_SECRET = secret;
  process.stdout.write(
    created
      ? `AUTH_SECRET is not set: generated a signing key into ${file} (embedded database mode)\n`
      : `AUTH_SECRET is not set: using the signing key in ${file} (embedded database mode)\n`,
  );
}

(process.env as Record<string, string>).NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
await import("../src/server/main");
