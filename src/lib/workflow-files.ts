/**
 * Workflows as `.py` files (docs/decisions/078): the file name a workflow downloads as, the workflow name a file
 * imports as, and the bounds of an import. Pure, shared by the browser and the server.
 */
import { MAX_CODE_BYTES, MAX_NAME_LENGTH } from "./validation/workflow-limits";

/** Files in one import. */
export const MAX_IMPORT_FILES = 20;
/**
 * A multipart import body: room for an exported archive (MAX_ZIP_BYTES) or 20 `.py` files at their largest, and for
 * the form's own framing.
 */
export const MAX_IMPORT_BODY_BYTES = Math.max(16 * 1024 * 1024, MAX_IMPORT_FILES * MAX_CODE_BYTES) + 64 * 1024;

// Characters a file name should not carry on any common system: path separators, reserved and control characters.
const UNSAFE_IN_FILENAME = /[\\/:*?"<>|\p{Cc}\p{Cf}]+/gu;

/** The name a workflow downloads as: its name with unsafe characters replaced, never empty or hidden, plus `.py`. */
export function pyFilename(name: string): string {
  const base = name
    .replace(UNSAFE_IN_FILENAME, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "")
    .replace(/\.py$/i, "")
    .slice(0, MAX_NAME_LENGTH)
    .trim();
  return `${base || "workflow"}.py`;
}

/** The same name in plain ASCII, for clients that cannot read an encoded one. */
export function asciiFilename(filename: string): string {
  const ascii = filename.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "_");
  return ascii.replace(/^_*\.py$/, "workflow.py");
}

/** The workflow name a file imports as: its base name without `.py`, control characters removed, at most 100. */
export function nameFromFilename(filename: string): string {
  const base = filename.split(/[\\/]/).at(-1) ?? "";
  const name = base
    .replace(/\.py$/i, "")
    .replace(/\p{Cc}+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_NAME_LENGTH)
    .trim();
  return name || "Untitled";
}

export const isPyFilename = (filename: string) => /\.py$/i.test(filename.trim());

/**
 * File names for many workflows in one archive: each workflow's `pyFilename`, made unique — compared without case,
 * as Windows and macOS compare — by " (2)", " (3)"… before `.py`.
 */
export function uniqueFilenames(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const filename = pyFilename(name);
    const base = filename.slice(0, -3);
    let candidate = filename;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base} (${n}).py`;
    used.add(candidate.toLowerCase());
    return candidate;
  };
}

/** What an exported archive holds besides the `.py` files (docs/decisions/088). */
export const MANIFEST_FILENAME = "workflows.json";

/** An archive in one import: its size, its entries, and what they may inflate to (docs/decisions/089). */
export const MAX_ZIP_BYTES = 16 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 1_100;
export const MAX_ZIP_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export const isZipFilename = (filename: string) => /\.zip$/i.test(filename.trim());
