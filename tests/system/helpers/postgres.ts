/**
 * PostgreSQL for the system tests: databases of their own on the shared server (TEST_DATABASE_URL, or the machine's
 * server on 127.0.0.1:5432), and a private server of a test's own (initdb-ed as the postgres user into a temporary
 * folder, on its own loopback port) that a test may stop and start without harming anything else.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { createOwnDatabase, DEFAULT_SERVER_URL, type OwnDatabase } from "../../../scripts/lib/postgres-admin";

export { type OwnDatabase };

export const SHARED_SERVER_URL = process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;

export function createDatabase(prefix = "ws_system"): Promise<OwnDatabase> {
  return createOwnDatabase(SHARED_SERVER_URL, prefix);
}

function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  const bin = versions.map((v) => path.join(root, v, "bin")).findLast((dir) => existsSync(path.join(dir, "initdb")));
  if (!bin) throw new Error("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql");
  return bin;
}

export interface PrivatePostgres {
  port: number;
  /** A connection URL to its `postgres` database. */
  url: string;
  start(): void;
  /** Stops it (fast shutdown: sessions are ended, as a crash or failover would). */
  stop(): void;
  /** Freezes every process of the server (SIGSTOP): connections stay open but nothing answers, like a hung host. */
  freeze(): void;
  /** Undoes freeze (SIGCONT). */
  thaw(): void;
  destroy(): void;
}

/** The postmaster (first line of postmaster.pid) and its children. */
function serverPids(data: string): number[] {
  const postmaster = Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = spawnSync("pgrep", ["-P", String(postmaster)]).stdout.toString().split("\n").filter(Boolean).map(Number);
  return [postmaster, ...children];
}

/** initdb + pg_ctl start, as the postgres user when we are root (PostgreSQL refuses to run as root). */
export function startPrivatePostgres(port: number): PrivatePostgres {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(tmpdir(), "ws-private-pg-"));
  const asRoot = userInfo().uid === 0;
  const run = (command: string, args: string[]) => {
    const quoted = [path.join(bin, command), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    if (asRoot) execFileSync("su", ["postgres", "-c", quoted], { stdio: "pipe" });
    else execFileSync(path.join(bin, command), args, { stdio: "pipe" });
  };
  if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), Number(execFileSync("id", ["-g", "postgres"]).toString().trim()));
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const pg: PrivatePostgres = {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start() {
      run("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "-t", "30", "start"]);
      running = true;
    },
    stop() {
      if (!running) return;
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
      running = false;
    },
    freeze() {
      for (const pid of serverPids(data)) process.kill(pid, "SIGSTOP");
    },
    thaw() {
      for (const pid of serverPids(data)) process.kill(pid, "SIGCONT");
    },
    destroy() {
      try {
        pg.thaw();
      } catch {
        // not running
      }
      try {
        pg.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
