import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePython, visualizeTree } from "~/lib/visualizer";
import { cpythonVerdicts, pythonVersion } from "./cpython-oracle";

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
if (!dir) process.stdout.write("stdlib.test: python3 not found — skipping the standard-library run\n");

describe.skipIf(!dir)("every .py file of the Python standard library", () => {
  it(
    "goes through the visualizer without an exception, and every file CPython parses gets no syntax diagnostic",
    async () => {
      const rel = (f: string): string => path.relative(dir ?? "", f);
      const files: Array<{ file: string; code: string }> = [];
      for (const file of pythonFiles(dir ?? "")) {
        try {
          files.push({ file, code: readFileSync(file, "utf8") });
        } catch {
          // Unreadable: neither side sees it.
        }
      }
      expect(files.length).toBeGreaterThan(100);
      // CPython checks the same texts in its own process while we parse them here.
      const oracle = cpythonVerdicts(files.map((f) => f.code));

      const timings: Array<{ file: string; parse: number; extract: number }> = [];
      const failures: string[] = [];
      const syntaxErrors = new Map<string, string[]>();
      for (const { file, code } of files) {
        try {
          const t0 = performance.now();
          const tree = parsePython(code);
          const t1 = performance.now();
          const g = visualizeTree(tree, code);
          const t2 = performance.now();
          timings.push({ file, parse: t1 - t0, extract: t2 - t1 });
          if (g.diagnostics.some((d) => d.message.includes("internal error"))) failures.push(`${rel(file)}: internal error`);
          const syntax = g.diagnostics.filter((d) => d.message.startsWith("Syntax error"));
          if (syntax.length) syntaxErrors.set(file, syntax.map((d) => `${d.line}: ${d.message}`));
        } catch (err) {
          failures.push(`${rel(file)}: ${String(err)}`);
        }
      }
      const verdicts = await oracle;

      const falseErrors: string[] = [];
      let valid = 0;
      files.forEach(({ file }, i) => {
        if (verdicts[i] !== null) return;
        valid++;
        const errors = syntaxErrors.get(file);
        if (errors) falseErrors.push(`${rel(file)} (CPython parses it): ${errors.slice(0, 3).join("; ")}`);
      });
      const rejected = files.length - valid;
      const slowest = [...timings].sort((a, b) => b.parse + b.extract - (a.parse + a.extract)).slice(0, 5);
      process.stdout.write(
        `stdlib: ${files.length} files; ${valid} that CPython ${pythonVersion() ?? ""} parses were checked for syntax diagnostics (${rejected} it rejects, such as Python 2 test data, were not); ${falseErrors.length} got one\n` +
          `stdlib: slowest (parse + extract):\n${slowest.map((t) => `  ${rel(t.file)}: ${t.parse.toFixed(1)} ms + ${t.extract.toFixed(1)} ms`).join("\n")}\n`,
      );
      expect(valid).toBeGreaterThan(100);
      expect(failures).toEqual([]);
      expect(falseErrors).toEqual([]);
    },
    300_000,
  );
});
