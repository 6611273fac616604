/**
 * `npm run bench:zip [-- --workflows=N] [--only=fflate,yazl,…]`
 *
 * Exports N (1,000) workflows as one .zip with each zip library tried for `GET /api/workflows/export.zip`
 * (docs/decisions/088), each in a child process of its own so that their memory does not mix, and prints per library
 * the peak resident memory and heap above the process's baseline, the time, and the archive's size. The workflows
 * come as the export reads them — pages of 50 from the database (here generated, ~2–24 KB of Python each, the same
 * bytes for every library) — and go to a sink that drains like a network socket (asynchronously, 64 KiB buffer), so a
 * library that ignores back-pressure shows it in its memory. "fflate, in memory" builds the whole archive first: the
 * baseline that streaming must beat.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { EXAMPLES } from "../src/lib/examples";

const option = (name: string) => process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const WORKFLOWS = Number(option("workflows") ?? 1_000);
const PAGE = 50;
const LIBRARIES = ["fflate", "yazl", "archiver", "client-zip", "fflate-in-memory"] as const;
type Library = (typeof LIBRARIES)[number];

interface Entry {
  name: string;
  bytes: Uint8Array;
  mtime: Date;
}

/** Workflow i's file: an example's code grown to a size between 2 and 24 KB, with its own comments. */
function workflowFile(i: number): Entry {
  const example = EXAMPLES[i % EXAMPLES.length]!;
  const target = 2_000 + ((i * 7919) % 22_000);
  let code = `# workflow ${i}\n${example.code}`;
  for (let n = 0; code.length < target; n++) code += `\n# note ${i}.${n}: step ${(i * 31 + n) % 97} reads table_${n % 13}\n`;
  return { name: `workflow ${String(i).padStart(4, "0")}.py`, bytes: new TextEncoder().encode(code), mtime: new Date(Date.UTC(2026, 10, 1, 0, 0, i % 60)) };
}

/** Pages of workflows, as the export reads them from the database (one page in memory at a time). */
async function* pages(): AsyncGenerator<Entry[]> {
  for (let start = 0; start < WORKFLOWS; start += PAGE) {
    await new Promise((resolve) => setImmediate(resolve)); // a query's round trip
    yield Array.from({ length: Math.min(PAGE, WORKFLOWS - start) }, (_, k) => workflowFile(start + k));
  }
}

/** A socket-like sink: takes chunks at once until 64 KiB are in flight, then waits a turn of the event loop. */
function networkSink(): Writable & { bytes: number } {
  let inFlight = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, done) {
      sink.bytes += chunk.length;
      inFlight += chunk.length;
      if (inFlight < 64 * 1024) return done();
      inFlight = 0;
      setImmediate(done);
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

async function write(sink: Writable, chunk: Uint8Array): Promise<void> {
  if (!sink.write(chunk)) await once(sink, "drain");
}

const run: Record<Library, (sink: Writable) => Promise<void>> = {
  async fflate(sink) {
    const { Zip, ZipDeflate } = await import("fflate");
    const pending: Uint8Array[] = [];
    let finished = false;
    const zip = new Zip((error, chunk, final) => {
      if (error) throw error;
      pending.push(chunk);
      if (final) finished = true;
    });
    const flush = async () => {
      while (pending.length) await write(sink, pending.shift()!);
    };
    for await (const page of pages()) {
      for (const entry of page) {
        const file = new ZipDeflate(entry.name, { level: 6 });
        file.mtime = entry.mtime;
        zip.add(file);
        file.push(entry.bytes, true);
        await flush();
      }
    }
    zip.end();
    await flush();
    if (!finished) throw new Error("fflate did not finish");
    sink.end();
    await once(sink, "finish");
  },

  async yazl(sink) {
    const { ZipFile } = await import("yazl");
    const zip = new ZipFile();
    const done = once(sink, "finish");
    zip.outputStream.pipe(sink);
    // addBuffer deflates every buffer as soon as it is added; a lazy stream per entry is compressed only when its
    // turn comes, and the next page is read once this one has been taken.
    for await (const page of pages()) {
      let taken = 0;
      const allTaken = new Promise<void>((resolve) => {
        for (const entry of page) {
          zip.addReadStreamLazy(entry.name, { mtime: entry.mtime }, (cb) => {
            if (++taken === page.length) resolve();
            cb(null, Readable.from([Buffer.from(entry.bytes)]));
          });
        }
      });
      await allTaken;
    }
    zip.end();
    await done;
  },

  async archiver(sink) {
    const { ZipArchive } = await import("archiver");
    const archive = new ZipArchive({ zlib: { level: 6 } });
    const done = once(sink, "finish");
    archive.pipe(sink);
    let written = 0;
    archive.on("entry", () => written++);
    let added = 0;
    for await (const page of pages()) {
      for (const entry of page) archive.append(Buffer.from(entry.bytes), { name: entry.name, date: entry.mtime });
      added += page.length;
      // Wait for the page to be written before reading the next (archiver says so per entry).
      while (written < added) await once(archive, "entry");
    }
    await archive.finalize();
    await done;
  },

  async "client-zip"(sink) {
    const { downloadZip } = await import("client-zip");
    async function* files() {
      for await (const page of pages()) {
        for (const entry of page) yield { name: entry.name, input: entry.bytes, lastModified: entry.mtime };
      }
    }
    const body = downloadZip(files()).body!;
    const done = once(sink, "finish");
    Readable.fromWeb(body as never).pipe(sink);
    await done;
  },

  async "fflate-in-memory"(sink) {
    const { zipSync } = await import("fflate");
    const all: Record<string, [Uint8Array, { mtime: Date }]> = {};
    for await (const page of pages()) for (const entry of page) all[entry.name] = [entry.bytes, { mtime: entry.mtime }];
    const archive = zipSync(all, { level: 6 });
    await write(sink, archive);
    sink.end();
    await once(sink, "finish");
  },
};

const MODULES: Record<Library, string> = { fflate: "fflate", yazl: "yazl", archiver: "archiver", "client-zip": "client-zip", "fflate-in-memory": "fflate" };

async function child(library: Library): Promise<void> {
  await import(MODULES[library]); // loaded before the baseline: the figures are the export's, not the module's
  workflowFile(0);
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 2);
  const sink = networkSink();
  const origWrite = sink.write.bind(sink);
  sink.write = ((chunk: Buffer, ...rest: never[]) => {
    sample();
    return origWrite(chunk, ...rest);
  }) as typeof sink.write;
  const start = performance.now();
  await run[library](sink);
  const ms = performance.now() - start;
  sample();
  clearInterval(timer);
  const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({ library, ms: Math.round(ms), rssMiB: mib(peakRss - base.rss), heapMiB: mib(peakHeap - base.heapUsed), baseRssMiB: mib(base.rss), zipMiB: mib(sink.bytes) })}\n`,
  );
}

function parent(): void {
  const only = option("only")?.split(",");
  const libraries = LIBRARIES.filter((library) => !only || only.includes(library));
  const self = fileURLToPath(import.meta.url);
  const rows: Record<string, unknown>[] = [];
  process.stdout.write(`[bench:zip] ${WORKFLOWS} workflows, pages of ${PAGE}, one child process per library\n`);
  for (const library of libraries) {
    const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", self, `--child=${library}`, `--workflows=${WORKFLOWS}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = result.stdout.trim().split("\n").at(-1) ?? "";
    if (result.status !== 0 || !line.startsWith("{")) {
      process.stdout.write(`[bench:zip] ${library}: failed (${result.status})\n`);
      continue;
    }
    rows.push(JSON.parse(line) as Record<string, unknown>);
  }
  process.stdout.write("\n| library | time (ms) | peak RSS above baseline (MiB) | peak heap above baseline (MiB) | zip (MiB) |\n|---|---:|---:|---:|---:|\n");
  for (const row of rows) process.stdout.write(`| ${row.library} | ${row.ms} | ${row.rssMiB} | ${row.heapMiB} | ${row.zipMiB} |\n`);
}

const childLibrary = option("child") as Library | undefined;
if (childLibrary) await child(childLibrary);
else parent();
