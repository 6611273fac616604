/**
 * CPython's own parser as the oracle for "is this valid Python": one python3 process checks many sources
 * (`ast.parse` on each, the text exactly as the visualizer gets it), so a test over the whole standard library
 * costs one interpreter start. The check runs in the child process while the caller goes on (parsing the same
 * files with our parser, say) and is awaited afterwards.
 */
import { execFileSync, spawn } from "node:child_process";

/** A verdict per source: null when CPython parses it, else its syntax error. */
export type Verdict = null | { line: number | null; message: string };

const CHECK = `
import ast, json, sys, warnings
warnings.simplefilter("ignore")
out = []
for source in json.load(sys.stdin):
    try:
        ast.parse(source)
        out.append(None)
    except SyntaxError as e:
        out.append({"line": e.lineno, "message": e.msg})
    except (ValueError, RecursionError, MemoryError) as e:
        out.append({"line": None, "message": f"{type(e).__name__}: {e}"})
json.dump(out, sys.stdout)
`;

/** The version of `python3` on the PATH ("3.11.7"), or null when there is none. */
export function pythonVersion(): string | null {
  try {
    return execFileSync("python3", ["-c", "import platform; print(platform.python_version())"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

/** CPython's verdict on each source, in order. Rejects when python3 fails to run. */
export function cpythonVerdicts(sources: readonly string[]): Promise<Verdict[]> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", CHECK], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`python3 exited with ${code}: ${Buffer.concat(err).toString("utf8").slice(0, 2000)}`));
        return;
      }
      const verdicts = JSON.parse(Buffer.concat(out).toString("utf8")) as Verdict[];
      if (verdicts.length !== sources.length) reject(new Error(`python3 gave ${verdicts.length} verdicts for ${sources.length} sources`));
      else resolve(verdicts);
    });
    child.stdin.end(JSON.stringify(sources));
  });
}
