/**
 * The streaming zip writer behind every archive the server sends (docs/decisions/088): "Export all"
 * (`export-zip.ts`) and "Download my data" (`src/server/account/data-export.ts`). yazl writes the archive as the
 * response drains; files are handed to it a page at a time and the next page is read only once yazl has taken the
 * last, or come from a lazily read stream, so neither the archive nor the data is ever whole in memory, and a slow
 * client slows the reading. A client that goes away stops the work; a failure after the first byte is thrown, leaving
 * the caller to destroy the response (a cut download, never a complete-looking archive).
 */
import { once } from "node:events";
import { Readable, type Writable } from "node:stream";
import { ZipFile } from "yazl";

export class ExportAborted extends Error {}

/** One file of a page: its path in the archive, its bytes and its time. */
export interface ZipEntry {
  path: string;
  bytes: Buffer;
  mtime: Date;
}

export interface ZipWriter {
  /** Sends the headers (the caller's `start`) before the first byte; called by the first add, or by hand. */
  begin(): void;
  /** Waits for `work`, or throws ExportAborted when the client goes away first. */
  unlessAborted<T>(work: Promise<T>): Promise<T>;
  /** Adds a page of files; resolves when yazl has taken them all (their bytes are then on their way out). */
  addPage(entries: readonly ZipEntry[]): Promise<void>;
  /** Adds a file whose bytes `chunks` makes, read only when its turn comes (a JSON document written page by page). */
  addGenerated(path: string, mtime: Date, chunks: () => AsyncIterable<string>): void;
  /** Adds a small file held in memory. */
  addBuffer(path: string, bytes: Buffer, mtime: Date): void;
}

/** Resolves when `signal` aborts (the client went away), so a wait for the zip's output can stop. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const stop = () => reject(new ExportAborted());
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
  });
}

/**
 * Writes an archive to `out` and ends it: `produce` adds the files, then the archive is finished. `start` is called
 * before the first byte (so a failure before it is still the caller's to answer as an error). Answers false when
 * `signal` aborted (leaving `out` to its owner); any failure after `start` is thrown.
 */
export async function streamZip(
  out: Writable,
  { signal, start }: { signal: AbortSignal; start: () => void },
  produce: (zip: ZipWriter) => Promise<void>,
): Promise<boolean> {
  const zip = new ZipFile();
  let started = false;
  const stop = aborted(signal);
  stop.catch(() => {});
  // A generated file's stream that fails (a database error half-way) makes yazl emit "error".
  const failed = new Promise<never>((_, reject) => (zip as unknown as NodeJS.EventEmitter).once("error", reject));
  failed.catch(() => {});
  const unlessAborted = <T>(work: Promise<T>) => Promise.race([work, stop, failed]);
  const begin = () => {
    if (started) return;
    started = true;
    start();
    zip.outputStream.pipe(out);
  };
  const writer: ZipWriter = {
    begin,
    unlessAborted,
    async addPage(entries) {
      begin();
      if (entries.length === 0) return;
      let taken = 0;
      const allTaken = new Promise<void>((resolve) => {
        for (const entry of entries) {
          // yazl asks for the stream when the entry's turn comes; until then only this page is held.
          zip.addReadStreamLazy(entry.path, { mtime: entry.mtime, size: entry.bytes.byteLength }, (callback) => {
            if (++taken === entries.length) resolve();
            callback(null, Readable.from([entry.bytes]));
          });
        }
      });
      await unlessAborted(allTaken);
    },
    addGenerated(path, mtime, chunks) {
      begin();
      zip.addReadStreamLazy(path, { mtime }, (callback) => {
        const stream = Readable.from(chunks(), { objectMode: false });
        // yazl does not listen for a lazy stream's errors: pass them on as the archive's.
        stream.once("error", (error) => (zip as unknown as NodeJS.EventEmitter).emit("error", error));
        callback(null, stream);
      });
    },
    addBuffer(path, bytes, mtime) {
      begin();
      zip.addBuffer(bytes, path, { mtime });
    },
  };
  try {
    await produce(writer);
    begin();
    zip.end();
    await unlessAborted(once(out, "finish"));
    return true;
  } catch (error) {
    if (started) zip.outputStream.unpipe(out);
    if (error instanceof ExportAborted) return false;
    throw error;
  }
}
