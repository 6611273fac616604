/**
 * `npx tsx scripts/bench-data-export.ts [--workflows=N] [--versions=V]`
 *
 * "Download my data" (docs/decisions/104) for one account holding N (500) workflows of 2–24 KB, each with V (5) kept
 * versions, on a fresh embedded database in a temporary folder: the archive written to a sink that drains like a
 * network socket. Prints the account's code in MiB, the archive's size, the time, and the peak resident memory and
 * heap above the baseline taken once the data is in (so PGlite's own memory for the rows is not counted).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { EXAMPLES } from "../src/lib/examples";
import { writeDataExport } from "../src/server/account/data-export";
import { openPglite } from "../src/server/db/client";
import { applyMigrations } from "../src/server/db/migrations/apply";

const option = (name: string) => process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const WORKFLOWS = Number(option("workflows") ?? 500);
const VERSIONS = Number(option("versions") ?? 5);

function code(i: number, v: number): string {
  const example = EXAMPLES[i % EXAMPLES.length]!;
  const target = 2_000 + ((i * 7919 + v * 104_729) % 22_000);
  let text = `# workflow ${i}, version ${v}\n${example.code}`;
  for (let n = 0; text.length < target; n++) text += `\n# note ${i}.${v}.${n}: step ${(i * 31 + n) % 97} reads table_${n % 13}\n`;
  return text;
}

const dir = await mkdtemp(join(tmpdir(), "bench-data-export-"));
const db = await openPglite(join(dir, "pglite"));
try {
  await applyMigrations(db.adapterFactory);
  const user = await db.prisma.user.create({ data: { email: "bench@example.com", passwordHash: "x" }, select: { id: true } });
  let codeBytes = 0;
  for (let start = 0; start < WORKFLOWS; start += 50) {
    const rows = Array.from({ length: Math.min(50, WORKFLOWS - start) }, (_, k) => start + k);
    for (const i of rows) {
      const current = code(i, VERSIONS + 1);
      codeBytes += Buffer.byteLength(current);
      const workflow = await db.prisma.workflow.create({
        data: { ownerId: user.id, name: `Workflow ${i}`, code: current, codeBytes: Buffer.byteLength(current), version: VERSIONS + 1 },
        select: { id: true },
      });
      const versions = Array.from({ length: VERSIONS }, (_, v) => {
        const old = code(i, v + 1);
        codeBytes += Buffer.byteLength(old);
        return {
          workflowId: workflow.id, ownerId: user.id, version: v + 1, name: `Workflow ${i}`, code: old, codeBytes: Buffer.byteLength(old),
          codeLines: 1, dialect: "generic", nodeCount: 0, edgeCount: 0, savedAt: new Date(),
        };
      });
      await db.prisma.workflowVersion.createMany({ data: versions });
    }
  }
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 5);
  let bytes = 0;
  let inFlight = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      inFlight += chunk.length;
      if (inFlight < 64 * 1024) return done();
      inFlight = 0;
      setImmediate(done);
    },
  });
  const started = performance.now();
  await writeDataExport(db, user.id, sink, { signal: new AbortController().signal, start: () => {} });
  const ms = performance.now() - started;
  clearInterval(timer);
  const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `${WORKFLOWS} workflows × ${VERSIONS + 1} versions, ${mib(codeBytes)} MiB of code → ${mib(bytes)} MiB archive in ${(ms / 1000).toFixed(1)} s; ` +
      `peak above baseline: rss +${mib(peakRss - base.rss)} MiB, heap +${mib(peakHeap - base.heapUsed)} MiB\n`,
  );
} finally {
  await db.close();
  await rm(dir, { recursive: true, force: true });
}
