/** What a source file pulls in: every package reached through the project's own ~/ and relative imports. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const SRC = path.resolve(__dirname, "../../src");

const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm;

export function packagesImportedBy(file: string, seen = new Set<string>(), packages = new Set<string>()): Set<string> {
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
    const spec = match[1] ?? match[2]!;
    const base = spec.startsWith("~/") ? path.join(SRC, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
    if (!base) {
      packages.add(spec);
      continue;
    }
    const resolved = [".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => base + ext).find((p) => existsSync(p));
    if (resolved) packagesImportedBy(resolved, seen, packages);
  }
  return packages;
}
