/**
 * Starting and stopping a production app server (`src/server/main.ts`) as a child process: one Node process (tsx as
 * an --import loader, so the pid is the server's own and its memory can be read from /proc), its output in a log
 * file, ready once `/api/health` answers 200. Shared by the API benchmark and the system tests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export interface AppServerOptions {
  port: number;
  /** Extra environment: DATABASE_URL or PGLITE_DATA_DIR, AUTH_SECRET, limits… */
  env: Record<string, string | undefined>;
  /** The build folder to serve (NEXT_DIST_DIR); defaults to the environment's or `.next`. */
  distDir?: string;
  /** How long to wait for /api/health to answer 200. */
  readyTimeoutMs?: number;
  /** Extra Node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /**
   * Run the compiled server (`dist/server/start.js`, what `npm start` runs; pending migrations, if any, in a child
   * process first) instead of `src/server/main.ts` under tsx (the default: the system tests).
   */
  compiled?: boolean;
  /** With `compiled`: the folder of the compiled server (`dist/server` by default; e.g. a copy of an older build). */
  serverDir?: string;
  /** Wait for health to be 200 (default) or only for the port to answer at all. */
  waitFor?: "healthy" | "listening" | "none";
}

export interface AppServer {
  port: number;
  url: string;
  pid: number;
  logFile: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  log(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function nodeEnvFor(options: AppServerOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: process.env.LANG,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: options.distDir ?? process.env.NEXT_DIST_DIR ?? ".next",
    HOST: "127.0.0.1",
    PORT: String(options.port),
    APP_URL: `http://127.0.0.1:${options.port}`,
    LOG_LEVEL: "info",
  };
  for (const [key, value] of Object.entries(options.env)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const logDir = mkdtempSync(path.join(tmpdir(), "ws-server-log-"));
  const logFile = path.join(logDir, `server-${options.port}.log`);
  const fd = openSync(logFile, "a");
  const entry = options.compiled ? [path.join(options.serverDir ?? "dist/server", "start.js")] : ["--import", "tsx", "src/server/main.ts"];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: REPO_ROOT,
    env: nodeEnvFor(options),
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const url = `http://127.0.0.1:${options.port}`;
  const server: AppServer = {
    port: options.port,
    url,
    pid: child.pid!,
    logFile,
    child,
    exited,
    log: () => {
      try {
        return readFileSync(logFile, "utf8");
      } catch {
        return "";
      }
    },
    kill: async (signal: NodeJS.Signals = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  if (options.waitFor === "none") return server;
  try {
    await waitForServer(server, options.readyTimeoutMs ?? 90_000, options.waitFor ?? "healthy");
  } catch (error) {
    await server.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n--- server log ---\n${server.log().slice(-4000)}`);
  }
  return server;
}

async function waitForServer(server: AppServer, timeoutMs: number, waitFor: "healthy" | "listening"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void server.exited.then((value) => (exitedEarly = value));
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`the server on port ${server.port} exited before it was ready (${JSON.stringify(exitedEarly)})`);
    try {
      const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (waitFor === "listening" || res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the server on port ${server.port} was not ready within ${timeoutMs} ms`);
}

/** The resident set (VmRSS) and its peak so far (VmHWM) of a process, in bytes; null once it is gone. */
export function readMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? "0") * 1024;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** The process and all its descendants (children, grandchildren…), read from /proc; [] once it is gone. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The parent pid is the 2nd field after the command, which is in parentheses and may hold spaces.
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  if (!existsSync(`/proc/${pid}`)) return [];
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Each process of the tree with its command name and VmRSS (bytes), and their sum. */
export function readTreeMemory(pid: number): { rss: number; processes: { pid: number; name: string; rss: number }[] } {
  const processes = processTree(pid).flatMap((member) => {
    const memory = readMemory(member);
    if (!memory) return [];
    let name = "?";
    try {
      name = readFileSync(`/proc/${member}/comm`, "utf8").trim();
    } catch {
      // gone meanwhile
    }
    return [{ pid: member, name, rss: memory.rss }];
  });
  return { rss: processes.reduce((sum, p) => sum + p.rss, 0), processes };
}

/**
 * Polls a process's RSS until stopped; `peak` is the largest VmRSS seen (and at least VmHWM's growth is caught).
 * With `tree`, the sum over the process and its descendants (a server that forks workers).
 */
export function sampleMemory(pid: number, everyMs = 100, options: { tree?: boolean } = {}): { stop(): { peakRss: number; samples: number } } {
  let peakRss = 0;
  let samples = 0;
  const tick = () => {
    const memory = options.tree ? readTreeMemory(pid) : readMemory(pid);
    if (!memory || memory.rss === 0) return;
    samples++;
    peakRss = Math.max(peakRss, memory.rss);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { peakRss, samples };
    },
  };
}

/** CPU time (user + system, ms) a process has used so far — with `tree`, summed over its descendants; 0 once gone. */
export function readCpuMs(pid: number, options: { tree?: boolean } = {}): number {
  const ticksPerSecond = 100; // USER_HZ: 100 on every Linux the bench runs on
  let ticks = 0;
  for (const member of options.tree ? processTree(pid) : [pid]) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, "utf8");
      // After the command: state(3) … utime(14) stime(15), counted from the field after ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
