/**
 * Prints the workflow graph of a Python script, or rewrites the golden corpus.
 *
 *   npx tsx scripts/visualize.ts <file.py> [--format json|mermaid|dot] [--datasets]
 *   npx tsx scripts/visualize.ts --update-golden [<fixture.py> …]
 *
 * JSON (default) is the WorkflowGraph, pretty-printed. `--datasets` draws Kedro datasets as nodes. A script with a
 * syntax error still prints its partial graph and diagnostics and exits 0; a missing or unreadable file (or bad
 * arguments) exits 1 with a one-line message on stderr.
 *
 * `--update-golden` rewrites `<name>.graph.json` (and an existing `<name>.datasets.graph.json`) beside every
 * script of tests/fixtures/visualizer, or only beside the scripts given, and prints what changed: review the diff
 * before committing. It refuses to run in CI (`CI` set), where the golden files are the check.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { toDot } from "../src/lib/visualizer/export-dot";
import { toMermaid } from "../src/lib/visualizer/export-mermaid";
import { visualize } from "../src/lib/visualizer/index";
import { GOLDEN_DIR, goldenFixtures, goldenText } from "./lib/golden-graph";

const FORMATS = ["json", "mermaid", "dot"] as const;
type Format = (typeof FORMATS)[number];

const USAGE = "usage: visualize <file.py> [--format json|mermaid|dot] [--datasets] | visualize --update-golden [<fixture.py> …]";

function fail(message: string): never {
  process.stderr.write(`visualize: ${message.replace(/\s+/g, " ").trim()}\n`);
  process.exit(1);
}

interface Args {
  files: string[];
  format: Format;
  datasets: boolean;
  updateGolden: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const files: string[] = [];
  let format: Format = "json";
  let datasets = false;
  let updateGolden = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    let value: string | undefined;
    if (a === "--format" || a === "-f") value = argv[++i];
    else if (a.startsWith("--format=")) value = a.slice("--format=".length);
    else if (a === "--datasets") datasets = true;
    else if (a === "--update-golden") updateGolden = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith("-") && a !== "-") fail(`unknown option ${a}; ${USAGE}`);
    else files.push(a);
    if (value !== undefined || a === "--format" || a === "-f" || a.startsWith("--format=")) {
      if (!value || !(FORMATS as readonly string[]).includes(value)) fail(`--format must be one of ${FORMATS.join(", ")}`);
      format = value as Format;
    }
  }
  if (!updateGolden && files.length === 0) fail(`no file given; ${USAGE}`);
  if (!updateGolden && files.length > 1) fail(`unexpected argument ${files[1]}; ${USAGE}`);
  return { files, format, datasets, updateGolden };
}

function readScript(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason =
      e.code === "ENOENT" ? "no such file" : e.code === "EISDIR" ? "is a directory" : e.code === "EACCES" ? "permission denied" : (e.message ?? String(err));
    fail(`cannot read ${file}: ${reason}`);
  }
}

function writeIfChanged(file: string, text: string): boolean {
  const before = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (before === text) return false;
  writeFileSync(file, text);
  return true;
}

function updateGolden(only: readonly string[]): void {
  if (process.env.CI) fail("--update-golden rewrites the expected graphs and never runs in CI");
  const wanted = new Set(only.map((f) => path.resolve(f)));
  const fixtures = goldenFixtures().filter((f) => wanted.size === 0 || wanted.has(path.resolve(f.script)));
  if (wanted.size > 0 && fixtures.length !== wanted.size) fail(`not every file given is a script under ${GOLDEN_DIR}`);
  let changed = 0;
  for (const f of fixtures) {
    const code = readScript(f.script);
    if (writeIfChanged(f.golden, goldenText(visualize(code)))) {
      changed++;
      process.stdout.write(`updated ${path.relative(process.cwd(), f.golden)}\n`);
    }
    if (existsSync(f.datasetsGolden) && writeIfChanged(f.datasetsGolden, goldenText(visualize(code, { datasets: true })))) {
      changed++;
      process.stdout.write(`updated ${path.relative(process.cwd(), f.datasetsGolden)}\n`);
    }
  }
  process.stdout.write(`${fixtures.length} scripts, ${changed} golden files rewritten: review them with git diff\n`);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.updateGolden) {
    updateGolden(args.files);
    return;
  }
  const file = args.files[0] ?? "-";
  const graph = visualize(readScript(file), { datasets: args.datasets });
  let out: string;
  if (args.format === "mermaid") out = toMermaid(graph);
  else if (args.format === "dot") out = toDot(graph);
  else out = `${JSON.stringify(graph, null, 2)}\n`;
  process.stdout.write(out);
  if (args.format !== "json" && graph.diagnostics.length) {
    // Mermaid/DOT have no place for diagnostics: they go to stderr, one per line.
    for (const d of graph.diagnostics) process.stderr.write(`${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  }
}

main();
