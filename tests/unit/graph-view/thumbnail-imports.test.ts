import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(__dirname, "../../../src");

/** Every module `file` imports from the project (following ~/ and relative imports), plus the packages. */
function importsOf(file: string, seen = new Set<string>(), packages = new Set<string>()) {
  if (seen.has(file)) return { seen, packages };
  seen.add(file);
  const code = readFileSync(file, "utf8");
  for (const m of code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm)) {
    const spec = m[1] ?? m[2]!;
    const base = spec.startsWith("~/") ? path.join(SRC, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
    if (!base) {
      packages.add(spec);
      continue;
    }
    const resolved = [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((p) => existsSync(p));
    if (resolved) importsOf(resolved, seen, packages);
  }
  return { seen, packages };
}

describe("GraphThumbnail", () => {
  it("does not pull React Flow into gallery pages", () => {
    const { packages } = importsOf(path.join(SRC, "components/graph/graph-thumbnail.tsx"));
    expect([...packages].filter((p) => p.startsWith("@xyflow"))).toEqual([]);
  });
});
