import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePython, visualizeTree } from "~/lib/visualizer";

/** The Python standard library's directory, or null when python3 is not installed. */
function stdlibDir(): string | null {
  try {
    return execFileSync("python3", ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "site-packages" && e.name !== "dist-packages") walk(p);
      } else if (e.isFile() && e.name.endsWith(".py")) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const dir = stdlibDir();
if (!dir) process.stdout.write("stdlib.test: python3 not found — skipping the standard-library robustness run\n");

describe.skipIf(!dir)("every .py file of the Python standard library", () => {
  it(
    "goes through the visualizer without an exception",
    () => {
      const files = pythonFiles(dir ?? "");
      expect(files.length).toBeGreaterThan(100);
      const timings: Array<{ file: string; parse: number; extract: number }> = [];
      const failures: string[] = [];
      for (const file of files) {
        let code: string;
        try {
          code = readFileSync(file, "utf8");
        } catch {
          continue;
        }
        try {
          const t0 = performance.now();
          const tree = parsePython(code);
          const t1 = performance.now();
          const g = visualizeTree(tree, code);
          const t2 = performance.now();
          timings.push({ file, parse: t1 - t0, extract: t2 - t1 });
          if (g.diagnostics.some((d) => d.message.includes("internal error"))) failures.push(`${file}: internal error`);
        } catch (err) {
          failures.push(`${file}: ${String(err)}`);
        }
      }
      const slowest = [...timings].sort((a, b) => b.parse + b.extract - (a.parse + a.extract)).slice(0, 5);
      const rel = (f: string): string => path.relative(dir ?? "", f);
      process.stdout.write(
        `stdlib: ${timings.length} files; slowest (parse + extract):\n${slowest
          .map((t) => `  ${rel(t.file)}: ${t.parse.toFixed(1)} ms + ${t.extract.toFixed(1)} ms`)
          .join("\n")}\n`,
      );
      const slowestExtract = [...timings].sort((a, b) => b.extract - a.extract).slice(0, 5);
      process.stdout.write(
        `stdlib: slowest extraction:\n${slowestExtract.map((t) => `  ${rel(t.file)}: ${t.extract.toFixed(1)} ms`).join("\n")}\n`,
      );
      expect(failures).toEqual([]);
    },
    300_000,
  );
});
