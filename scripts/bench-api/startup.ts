/**
 * Start-up: `npm start` on an existing build and a migrated database, exactly as a person types it (npm, its shell
 * and the server's node process). Measures the time from spawning `npm` to the first 200 of `/api/health`, then —
 * after a short idle — the resident memory of every process `npm start` made, summed.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { nodeEnvFor, processTree, readTreeMemory, REPO_ROOT } from "./server";

export interface StartupResult {
  /** Spawn to the first 200 of /api/health (ms). */
  readyMs: number;
  /** VmRSS of all of `npm start`'s processes after `idleMs` without requests (bytes). */
  idleRss: number;
  processes: { pid: number; name: string; rss: number }[];
  idleMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

export async function measureStartup(options: {
  port: number;
  distDir: string;
  env: Record<string, string | undefined>;
  idleMs?: number;
  timeoutMs?: number;
}): Promise<StartupResult> {
  const idleMs = options.idleMs ?? 3_000;
  const started = performance.now();
  // A process group of its own, so that stopping it reaches npm's shell and the server behind it.
  const child = spawn("npm", ["start", "--silent"], {
    cwd: REPO_ROOT,
    env: nodeEnvFor({ port: options.port, distDir: options.distDir, env: options.env }),
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = async () => {
    // Every process of the group, so the server (which outlives npm by its graceful shutdown) is gone too.
    const members = processTree(child.pid!);
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, name);
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const killAt = performance.now() + 15_000;
    while (members.some((pid) => existsSync(`/proc/${pid}`) && !isZombie(pid))) {
      if (performance.now() > killAt) signal("SIGKILL");
      await sleep(50);
    }
  };
  try {
    const deadline = started + (options.timeoutMs ?? 120_000);
    let readyMs: number | undefined;
    while (performance.now() < deadline && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${options.port}/api/health`, { signal: AbortSignal.timeout(1_000) });
        await res.arrayBuffer();
        if (res.status === 200) {
          readyMs = performance.now() - started;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(25);
    }
    if (readyMs === undefined) throw new Error(`npm start did not serve /api/health within ${options.timeoutMs ?? 120_000} ms (exit ${child.exitCode})`);
    await sleep(idleMs);
    const memory = readTreeMemory(child.pid!);
    return { readyMs, idleRss: memory.rss, processes: memory.processes, idleMs };
  } finally {
    await stop();
  }
}
