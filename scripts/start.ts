/**
 * `npm start`: builds for production when there is no build or the sources are newer than it,
 * then runs the server (which applies migrations before it serves).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const BUILD_ID = path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
const SOURCES = ["src", "public", "prisma/schema.prisma", "package-lock.json", "next.config.mjs", "postcss.config.mjs"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "generated" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

const builtAt = existsSync(BUILD_ID) ? statSync(BUILD_ID).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map(newestMtime));
if (builtAt === 0 || changedAt > builtAt) {
  process.stdout.write(builtAt === 0 ? "No production build yet: building…\n" : "Sources changed since the last build: rebuilding…\n");
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
