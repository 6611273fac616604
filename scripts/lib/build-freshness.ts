/** Whether a production build is newer than every source it was built from (`npm start` and the benchmark ask). */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

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

/** The time of the build in `distDir` (0 when there is none). */
export function builtAt(distDir: string, root = process.cwd()): number {
  const buildId = path.join(root, distDir, "BUILD_ID");
  return existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
}

/** The newest modification among the sources. */
export function sourcesChangedAt(root = process.cwd()): number {
  return Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
}

export function buildIsFresh(distDir: string, root = process.cwd()): boolean {
  const at = builtAt(distDir, root);
  return at > 0 && at > sourcesChangedAt(root);
}
