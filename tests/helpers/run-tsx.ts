/** Runs a TypeScript entry point (the server, a script) in a child process under tsx, as `npm run dev` would. */
import { spawn } from "node:child_process";
import path from "node:path";

const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");

/**
 * Runs `tsx <args>` with the test process's environment plus `env` (logs silent unless `env` says otherwise) and
 * answers its exit code and everything it wrote to stderr. Killed after `timeoutMs` (a server that did start).
 */
export function runTsx(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, ...args], {
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
