/**
 * Prints the workflow graph of a Python script.
 *
 *   npx tsx scripts/visualize.ts <file.py> [--format json|mermaid|dot]
 *
 * JSON (default) is the WorkflowGraph, pretty-printed. A script with a syntax error still prints its
 * partial graph and diagnostics and exits 0; a missing or unreadable file (or bad arguments) exits 1
 * with a one-line message on stderr.
 */
import { readFileSync } from "node:fs";
import { toDot } from "../src/lib/visualizer/export-dot";
import { toMermaid } from "../src/lib/visualizer/export-mermaid";
import { visualize } from "../src/lib/visualizer/index";

const FORMATS = ["json", "mermaid", "dot"] as const;
type Format = (typeof FORMATS)[number];

const USAGE = "usage: visualize <file.py> [--format json|mermaid|dot]";

function fail(message: string): never {
  process.stderr.write(`visualize: ${message.replace(/\s+/g, " ").trim()}\n`);
  process.exit(1);
}

function parseArgs(argv: readonly string[]): { file: string; format: Format } {
  let file: string | null = null;
  let format: Format = "json";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    let value: string | undefined;
    if (a === "--format" || a === "-f") value = argv[++i];
    else if (a.startsWith("--format=")) value = a.slice("--format=".length);
    else if (a === "--help" || a === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith("-") && a !== "-") fail(`unknown option ${a}; ${USAGE}`);
    else if (file === null) file = a;
    else fail(`unexpected argument ${a}; ${USAGE}`);
    if (value !== undefined || a === "--format" || a === "-f" || a.startsWith("--format=")) {
      if (!value || !(FORMATS as readonly string[]).includes(value)) fail(`--format must be one of ${FORMATS.join(", ")}`);
      format = value as Format;
    }
  }
  if (file === null) fail(`no file given; ${USAGE}`);
  return { file, format };
}

function main(): void {
  const { file, format } = parseArgs(process.argv.slice(2));
  let code: string;
  try {
    code = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason =
      e.code === "ENOENT" ? "no such file" : e.code === "EISDIR" ? "is a directory" : e.code === "EACCES" ? "permission denied" : (e.message ?? String(err));
    fail(`cannot read ${file}: ${reason}`);
  }
  const graph = visualize(code);
  let out: string;
  if (format === "mermaid") out = toMermaid(graph);
  else if (format === "dot") out = toDot(graph);
  else out = `${JSON.stringify(graph, null, 2)}\n`;
  process.stdout.write(out);
  if (format !== "json" && graph.diagnostics.length) {
    // Mermaid/DOT have no place for diagnostics: they go to stderr, one per line.
    for (const d of graph.diagnostics) process.stderr.write(`${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  }
}

main();
