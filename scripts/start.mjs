/**
 * `npm start`: builds for production when there is no build or the sources are newer than it (the same rule as
 * scripts/lib/build-freshness.ts), then runs the compiled server (dist/server/start.js) in this very process — plain
 * `node`, no tsx. On a server, `node dist/server/start.js` after `npm run build` skips even this check.
 *
 * V8's old space is capped for this process (decision 082): package.json's start script runs it as
 * `node --max-old-space-size=${SERVER_MAX_OLD_SPACE_MB:-128} scripts/start.mjs`. V8 reads heap limits only when the
 * process starts (v8.setFlagsFromString here would change nothing), and the server runs in this very process, so the
 * flag is on the command line that starts it rather than a second process costing ~40 MB. SERVER_MAX_OLD_SPACE_MB=0
 * leaves V8's default. The build below is a child process of its own: the cap never applies to it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["src", "public", "prisma/schema.prisma", "package-lock.json", "next.config.mjs", "postcss.config.mjs"];
const distDir = process.env.NEXT_DIST_DIR || ".next";
const entry = path.resolve("dist/server/start.js");

function newestMtime(entry) {
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

function builtAt() {
  const buildId = path.join(distDir, "BUILD_ID");
  if (!existsSync(buildId) || !existsSync(entry)) return 0;
  return Math.min(statSync(buildId).mtimeMs, statSync(entry).mtimeMs);
}

const lastBuild = builtAt();
if (lastBuild === 0 || lastBuild <= Math.max(...SOURCES.map(newestMtime))) {
  process.stdout.write(lastBuild === 0 ? "No production build yet: building…\n" : "Sources changed since the last build: rebuilding…\n");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

await import(entry);
