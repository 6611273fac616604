/**
 * SIGKILL in the middle of a stream of saves, then a restart on the same data: every save answered 2xx before the
 * kill is in the database byte for byte — the latest as the current code, every earlier one in the version history —
 * and nothing is half-written, on PostgreSQL and on the embedded PGlite (whose restart must take over the dead
 * process's lock file).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { logIn, register, trpc, type SavedWorkflow } from "./helpers/api";
import { createDatabase, type OwnDatabase } from "./helpers/postgres";
import { type AppServer, randomSecret, startServer } from "./helpers/server";

const WRITERS = 6;
const KILL_AFTER_ACKS = 120;

/** Code that is easy to tell apart and hard to store by accident: multi-byte text, CRLF, tabs, a long tail. */
function codeFor(writer: number, n: number): string {
  const pad = "x".repeat(500 + ((writer * 131 + n * 17) % 3000));
  return `# writer ${writer} save ${n} — ünïcödé ✓ 🚀\r\n\tdef step_${n}():\r\n\t\treturn "${pad}"\n`;
}

interface Ack {
  id: string;
  version: number;
  code: string;
}

async function saveStream(server: AppServer, token: string) {
  const acked = new Map<string, Ack>(); // latest acknowledged state per workflow
  const inFlight = new Map<string, Ack>(); // a save sent but not answered when the server died
  const created: Ack[] = [];
  const everyAck: Ack[] = []; // every acknowledged save, in order
  let acks = 0;
  let stop = false;
  let failure: unknown;
  const writer = async (w: number) => {
    let current: Ack | undefined;
    for (let n = 0; !stop; n++) {
      const code = codeFor(w, n);
      // Every fourth save creates a new workflow; the others update this writer's latest one.
      const update = current && n % 4 !== 0;
      const input = update ? { id: current!.id, name: `w${w}`, code, expectedVersion: current!.version } : { name: `w${w} n${n}`, code };
      if (update) inFlight.set(current!.id, { id: current!.id, version: current!.version + 1, code });
      try {
        const reply = await trpc<SavedWorkflow>(server.url, "workflow.save", input, { token, mutation: true, timeoutMs: 10_000 });
        if (reply.status !== 200) throw new Error(`save answered ${reply.status}: ${reply.text}`);
        const saved = reply.data!;
        current = { id: saved.id, version: saved.version, code };
        acked.set(saved.id, current);
        inFlight.delete(saved.id);
        if (!update) created.push(current);
        everyAck.push(current);
        acks++;
      } catch (error) {
        if (stop) return; // the server was killed under this request
        failure ??= error;
        throw error;
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
  return {
    acked,
    inFlight,
    created,
    everyAck,
    get acks() {
      return acks;
    },
    async killWhenEnough() {
      while (acks < KILL_AFTER_ACKS && failure === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      if (failure !== undefined) throw failure;
      stop = true;
      process.kill(server.pid, "SIGKILL");
      await Promise.allSettled(writers);
      await server.exited;
    },
  };
}

async function verifyAfterRestart(server: AppServer, email: string, stream: Awaited<ReturnType<typeof saveStream>>) {
  const { accessToken: token } = await logIn(server.url, email);
  // Every workflow of the person, each read back whole.
  const ids: string[] = [];
  const sizes = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = await trpc<{ items: SavedWorkflow[]; nextCursor: string | null }>(server.url, "workflow.list", { limit: 100, ...(cursor ? { cursor } : {}) }, { token });
    expect(page.status).toBe(200);
    for (const item of page.data!.items) {
      ids.push(item.id);
      sizes.set(item.id, item.size.bytes);
    }
    cursor = page.data!.nextCursor ?? undefined;
  } while (cursor);

  const stored = new Map<string, SavedWorkflow>();
  for (const id of ids) {
    const reply = await trpc<SavedWorkflow>(server.url, "workflow.get", { id }, { token });
    expect(reply.status).toBe(200);
    const workflow = reply.data!;
    stored.set(id, workflow);
    // Nothing half-written: the summary columns agree with the code that is there, and the code is one we sent.
    expect(Buffer.byteLength(workflow.code, "utf8")).toBe(sizes.get(id));
    expect(workflow.code).toMatch(/^# writer \d+ save \d+ — ünïcödé ✓ 🚀\r\n\tdef step_\d+\(\):\r\n\t\treturn "x+"\n$/);
  }
  // Every acknowledged save is there byte for byte — or was superseded by a later save of the same workflow that
  // was in flight when the server died (committed, but its answer never left the process).
  for (const ack of stream.acked.values()) {
    const workflow = stored.get(ack.id);
    expect(workflow, `acknowledged workflow ${ack.id} is missing`).toBeDefined();
    if (workflow!.version === ack.version) {
      expect(workflow!.code).toBe(ack.code);
    } else {
      const pending = stream.inFlight.get(ack.id);
      expect(workflow!.version).toBe(ack.version + 1);
      expect(workflow!.code).toBe(pending?.code);
    }
  }
  for (const first of stream.created) expect(stored.has(first.id)).toBe(true);
  // Every acknowledged save is in the history: the current state or a kept version, byte for byte.
  let fromHistory = 0;
  const check = async (ack: Ack) => {
    const reply = await trpc<{ version: number; code: string; size: { bytes: number } }>(
      server.url,
      "workflow.version",
      { id: ack.id, version: ack.version },
      { token },
    );
    expect(reply.status, `save ${ack.id} v${ack.version} is not in the history`).toBe(200);
    expect(reply.data!.code).toBe(ack.code);
    expect(reply.data!.size.bytes).toBe(Buffer.byteLength(ack.code, "utf8"));
    if (stored.get(ack.id)!.version !== ack.version) fromHistory++;
  };
  for (let i = 0; i < stream.everyAck.length; i += 8) await Promise.all(stream.everyAck.slice(i, i + 8).map(check));
  expect(fromHistory).toBeGreaterThan(0);
  return { stored: stored.size, acked: stream.acks };
}

async function killAndRestart(env: Record<string, string>) {
  const email = "durable@example.test";
  const first = await startServer(env);
  let second: AppServer | undefined;
  try {
    await register(first.url, email);
    const { accessToken } = await logIn(first.url, email);
    const stream = await saveStream(first, accessToken);
    await stream.killWhenEnough();
    expect(stream.acks).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    second = await startServer(env);
    const result = await verifyAfterRestart(second, email, stream);
    expect(result.stored).toBeGreaterThanOrEqual(stream.created.length);
  } finally {
    await first.kill("SIGKILL");
    await second?.kill();
  }
}

describe("SIGKILL in the middle of a stream of saves", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("PostgreSQL: every acknowledged save survives, byte for byte, none half-written", async () => {
    const database: OwnDatabase = await createDatabase("ws_kill");
    cleanups.push(() => database.drop());
    await killAndRestart({ DATABASE_URL: database.url, AUTH_SECRET: randomSecret() });
  });

  it("PGlite: the restart takes over the stale lock, and every acknowledged save survives", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "ws-kill-pglite-"));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    // Embedded database: the verification mail goes to files (here, not ./.data/mail) and the account stays unverified;
    // the subject is the kill, so the unverified limit (decision 099) is lifted rather than cutting the stream short.
    await killAndRestart({
      PGLITE_DATA_DIR: path.join(root, "pglite"),
      AUTH_SECRET: randomSecret(),
      MAIL_DIR: path.join(root, "mail"),
      UNVERIFIED_WORKFLOW_LIMIT: "1000000",
    });
  }, 240_000);
});
