import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(__dirname, "../../../src");

/** Every package `file` imports, following the project's own ~/ and relative imports. */
function packagesOf(file: string, seen = new Set<string>(), packages = new Set<string>()): Set<string> {
  if (seen.has(file)) return packages;
  seen.add(file);
  const code = readFileSync(file, "utf8");
  for (const m of code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm)) {
    const spec = m[1] ?? m[2]!;
    const base = spec.startsWith("~/") ? path.join(SRC, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
    if (!base) {
      packages.add(spec);
      continue;
    }
    const resolved = [".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => base + ext).find((p) => existsSync(p));
    if (resolved) packagesOf(resolved, seen, packages);
  }
  return packages;
}

const HEAVY = /^@codemirror\/|^@uiw\/|^@xyflow\//;

describe("the home page", () => {
  it("ships neither CodeMirror nor React Flow", () => {
    const heavy = [...packagesOf(path.join(SRC, "app/page.tsx"))].filter((p) => HEAVY.test(p));
    expect(heavy).toEqual([]);
  });

  it("while the editor pages do load them (the check above looks where it should)", () => {
    const packages = [...packagesOf(path.join(SRC, "app/editor/page.tsx"))];
    expect(packages.some((p) => p.startsWith("@codemirror/"))).toBe(true);
    expect(packages.some((p) => p.startsWith("@xyflow/"))).toBe(true);
  });
});
