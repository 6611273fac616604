/**
 * Hand-made .zip archives for the import's refusals: entries whose names, flags and declared sizes say what the test
 * wants (a lie included), which no well-behaved zip library would write. Stored or deflated; no zip64.
 */
import { crc32, deflateRawSync } from "node:zlib";

export interface RawEntry {
  /** The name's bytes (a string is written as UTF-8). */
  name: string | Uint8Array;
  data: Uint8Array;
  /** Sets the UTF-8 flag (bit 11); on by default for string names. */
  utf8?: boolean;
  deflate?: boolean;
  /** The uncompressed size the headers declare (default: the truth). */
  declaredSize?: number;
}

export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === "string" ? Buffer.from(entry.name, "utf8") : Buffer.from(entry.name);
    const utf8 = entry.utf8 ?? typeof entry.name === "string";
    const body = entry.deflate ? deflateRawSync(entry.data) : Buffer.from(entry.data);
    const size = entry.declaredSize ?? entry.data.byteLength;
    const crc = crc32(entry.data);
    const flags = utf8 ? 0x0800 : 0;
    const method = entry.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.byteLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.byteLength, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.byteLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.byteLength + name.byteLength + body.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
