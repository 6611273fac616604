/**
 * The common-password list (~200 kB gzip) and the user-agent parser are server code: no client component reaches
 * them through its imports, so no browser bundle carries them (the e2e security spec checks the built pages too).
 * Type-only imports are skipped: they vanish at build time.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(__dirname, "../../../src");
const IMPORT = /^\s*(import|export)\s(?!type\s)[^;]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;
const SERVER_ONLY = /^@zxcvbn-ts\/|^bowser$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every package a file reaches through value imports (static and dynamic) of the project's own modules. */
function packagesReachedBy(file: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(file)) return found;
  seen.add(file);
  for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
    const spec = match[2] ?? match[3] ?? match[4]!;
    const base = spec.startsWith("~/") ? path.join(SRC, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
    if (!base) {
      found.add(spec);
      continue;
    }
    const resolved = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"].map((ext) => base + ext).find((p) => existsSync(p) && statSync(p).isFile());
    if (resolved) packagesReachedBy(resolved, seen, found);
  }
  return found;
}

const clientModules = files(SRC).filter((file) => /^["']use client["']/.test(readFileSync(file, "utf8").trimStart()));

describe("server-only password and user-agent code", () => {
  it("is reached by no client component", () => {
    expect(clientModules.length).toBeGreaterThan(10);
    const offenders = clientModules.flatMap((file) =>
      [...packagesReachedBy(file)].filter((pkg) => SERVER_ONLY.test(pkg)).map((pkg) => `${path.relative(SRC, file)} → ${pkg}`),
    );
    expect(offenders).toEqual([]);
  });

  it("while the server's account service does reach the list (the check above looks where it should)", () => {
    expect([...packagesReachedBy(path.join(SRC, "server/auth/users.ts"))]).toContain("@zxcvbn-ts/language-common");
  });
});
