/**
 * The production build the benchmark serves: `next build` into its own folder (NEXT_DIST_DIR, `.next-bench` by
 * default) so it never disturbs the `.next` someone else is using. Skipped when BUILD_ID is newer than every source.
 * `next build` rewrites tsconfig.json to add the folder's type paths; the file is put back as it was.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIsFresh } from "../lib/build-freshness";
import { REPO_ROOT } from "./server";

/** Builds into `distDir` unless `skipIfFresh` and the build is newer than the sources. Throws when the build fails. */
export function ensureBuild(
  distDir: string,
  options: { skipIfFresh: boolean; never?: boolean; log: (line: string) => void },
): void {
  buildNext(distDir, options);
  // The compiled server (dist/server/): seconds to make, so always from the current sources.
  const server = spawnSync("npx", ["tsx", "scripts/build-server.ts"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (server.status !== 0) throw new Error(`compiling the server failed (exit ${server.status})`);
}

function buildNext(distDir: string, options: { skipIfFresh: boolean; never?: boolean; log: (line: string) => void }): void {
  if (options.never) {
    if (!existsSync(path.join(REPO_ROOT, distDir, "BUILD_ID"))) throw new Error(`--skip-build: there is no build in ${distDir}`);
    if (!buildIsFresh(distDir, REPO_ROOT)) options.log(`--skip-build: serving the build in ${distDir} although sources changed since`);
    return;
  }
  if (options.skipIfFresh && buildIsFresh(distDir, REPO_ROOT)) {
    options.log(`build in ${distDir} is newer than the sources: not rebuilding`);
    return;
  }
  if (options.skipIfFresh && existsSync(path.join(REPO_ROOT, distDir, "BUILD_ID"))) {
    options.log(`--no-build: the build in ${distDir} is older than the sources; rebuilding anyway`);
  }
  options.log(`building for production into ${distDir}…`);
  const tsconfig = path.join(REPO_ROOT, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  try {
    const result = spawnSync("npx", ["next", "build"], {
      cwd: REPO_ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  } finally {
    if (readFileSync(tsconfig, "utf8") !== before) writeFileSync(tsconfig, before);
  }
}
