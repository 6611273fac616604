/** The editor's content, whether it changed, and names, pure (the status is save-flow.ts's). */
import { MAX_NAME_LENGTH } from "~/lib/validation/workflow-limits";

export interface Content {
  name: string;
  code: string;
}

/** Whether the editor holds something other than what was last saved (or loaded). */
export function isDirty(baseline: Content, current: Content): boolean {
  return baseline.code !== current.code || baseline.name.trim() !== current.name.trim();
}

const COPY_SUFFIX = " (copy)";

/** "<name> (copy)", shortened so it stays a valid name. */
export function copyName(name: string): string {
  const base = name.trim() || "Untitled workflow";
  return `${base.slice(0, MAX_NAME_LENGTH - COPY_SUFFIX.length).trimEnd()}${COPY_SUFFIX}`;
}

export const DEFAULT_NAME = "Untitled workflow";
