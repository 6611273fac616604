/** The save status and names, pure. */
import { MAX_NAME_LENGTH } from "~/lib/validation/workflow";

export type SaveStatus = "Saved" | "Unsaved changes" | "Saving…";

export interface Content {
  name: string;
  code: string;
}

/** Whether the editor holds something other than what was last saved (or loaded). */
export function isDirty(baseline: Content, current: Content): boolean {
  return baseline.code !== current.code || baseline.name.trim() !== current.name.trim();
}

/**
 * Exactly one of the three statuses. A workflow that was never saved is "Unsaved changes" even when untouched:
 * nothing of it is stored yet.
 */
export function saveStatusOf(input: { saving: boolean; dirty: boolean; persisted: boolean }): SaveStatus {
  if (input.saving) return "Saving…";
  if (input.dirty || !input.persisted) return "Unsaved changes";
  return "Saved";
}

const COPY_SUFFIX = " (copy)";

/** "<name> (copy)", shortened so it stays a valid name. */
export function copyName(name: string): string {
  const base = name.trim() || "Untitled workflow";
  return `${base.slice(0, MAX_NAME_LENGTH - COPY_SUFFIX.length).trimEnd()}${COPY_SUFFIX}`;
}

export const DEFAULT_NAME = "Untitled workflow";
