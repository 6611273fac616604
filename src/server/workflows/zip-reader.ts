/**
 * Reading an uploaded `.zip` safely (docs/decisions/089), with yauzl: the archive's directory is read and bounded
 * before any entry is inflated — its size, its number of entries and what they say they inflate to — so a zip bomb
 * or a flood of entries is refused whole, before anything is imported. Each entry is then read on its own, never past
 * the size it declares (yauzl stops a stream that inflates to more) nor past the caller's bound; its name is decoded
 * as the format says (UTF-8 when flagged, else CP437) and refused when it is not valid UTF-8, absolute, or climbs out
 * with `..`.
 */
import { fromBuffer, getFileNameLowLevel, validateFileName, type Entry, type ZipFile } from "yauzl";
import { MAX_ZIP_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_UNCOMPRESSED_BYTES } from "~/lib/workflow-files";
import { AppError } from "../errors/app-error";

const MIB = 1024 * 1024;
const UTF8_FLAG = 0x800;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export type ZipEntryName = { ok: true; path: string } | { ok: false; path: string; message: string };

export interface ZipEntry {
  name: ZipEntryName;
  directory: boolean;
  uncompressedSize: number;
  encrypted: boolean;
  raw: Entry;
}

export interface OpenZip {
  entries: ZipEntry[];
  /** The entry's bytes, at most `maxBytes`; throws an AppError (BAD_REQUEST) when the entry cannot be read. */
  read(entry: ZipEntry, maxBytes: number): Promise<Uint8Array>;
  close(): void;
}

const damaged = (message = "The archive is damaged or not a .zip file.") => new AppError("BAD_REQUEST", message);

/** The entry's name as text, or why it is refused. */
function entryName(entry: Entry): ZipEntryName {
  const raw = entry.fileNameRaw;
  let path: string;
  if (entry.generalPurposeBitFlag & UTF8_FLAG) {
    try {
      path = strictUtf8.decode(raw);
    } catch {
      return { ok: false, path: raw.toString("latin1"), message: "The file name is not valid UTF-8." };
    }
  } else {
    // CP437, or the Info-ZIP Unicode path field when there is one (as the format says).
    path = getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  }
  if (/\p{Cc}/u.test(path)) return { ok: false, path, message: "The file name holds control characters." };
  if (validateFileName(path) !== null) return { ok: false, path, message: "Unsafe path in the archive (absolute, or with .. or \\)." };
  return { ok: true, path };
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

/**
 * Opens an archive held in memory (the upload's bound keeps it small), checks its directory against the bounds and
 * answers its entries; refuses the whole archive, in the one error shape, when it is too large, has too many
 * entries, would inflate past the bound, or cannot be read.
 */
export async function openZip(bytes: Uint8Array): Promise<OpenZip> {
  if (bytes.byteLength > MAX_ZIP_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The archive is larger than ${MAX_ZIP_BYTES / MIB} MiB.`, { details: { limitBytes: MAX_ZIP_BYTES } });
  }
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) =>
      fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, opened) =>
        error ? reject(error) : resolve(opened),
      ),
    );
  } catch {
    throw damaged();
  }
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    throw new AppError("PAYLOAD_TOO_LARGE", `The archive holds ${zip.entryCount} entries; at most ${MAX_ZIP_ENTRIES} can be imported at once.`, {
      details: { entries: zip.entryCount, limit: MAX_ZIP_ENTRIES },
    });
  }
  let raw: Entry[];
  try {
    raw = await readEntries(zip);
  } catch {
    zip.close();
    throw damaged();
  }
  const declared = raw.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > MAX_ZIP_UNCOMPRESSED_BYTES) {
    zip.close();
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The archive would inflate to ${Math.ceil(declared / MIB)} MiB; at most ${MAX_ZIP_UNCOMPRESSED_BYTES / MIB} MiB can be imported at once.`,
      { details: { uncompressedBytes: declared, limitBytes: MAX_ZIP_UNCOMPRESSED_BYTES } },
    );
  }
  const entries = raw.map((entry) => {
    const name = entryName(entry);
    return {
      name,
      directory: name.path.endsWith("/"),
      uncompressedSize: entry.uncompressedSize,
      encrypted: entry.isEncrypted(),
      raw: entry,
    };
  });
  return {
    entries,
    close: () => zip.close(),
    async read(entry, maxBytes) {
      if (entry.uncompressedSize > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", "The entry is too large.");
      if (entry.encrypted || !entry.raw.canDecodeFileData()) throw new AppError("BAD_REQUEST", "Encrypted or compressed in a way that cannot be read.");
      const chunks: Buffer[] = [];
      let total = 0;
      try {
        const stream = await zip.openReadStreamPromise(entry.raw);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          total += chunk.length;
          // yauzl already stops at the declared size; this bound holds even if that check were off.
          if (total > maxBytes) {
            stream.destroy();
            throw new AppError("BAD_REQUEST", "The entry inflates to more than it declares.");
          }
          chunks.push(chunk);
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError("BAD_REQUEST", "The entry is damaged (it does not inflate to the size it declares).");
      }
      return new Uint8Array(Buffer.concat(chunks, total));
    },
  };
}
