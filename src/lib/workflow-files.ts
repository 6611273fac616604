/**
 * Workflows as `.py` files (docs/decisions/078): the file name a workflow downloads as, the workflow name a file
 * imports as, and the bounds of an import. Pure, shared by the browser and the server.
 */
import { MAX_CODE_BYTES, MAX_NAME_LENGTH } from "./validation/workflow-limits";

/** Files in one import. */
export const MAX_IMPORT_FILES = 20;
/** A multipart import body: the files at their largest, and room for the form's own framing. */
export const MAX_IMPORT_BODY_BYTES = MAX_IMPORT_FILES * MAX_CODE_BYTES + 64 * 1024;

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
