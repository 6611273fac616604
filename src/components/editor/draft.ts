/**
 * The signed-out draft: the editor's name and code kept in localStorage while the person logs in or signs up.
 * Pure functions over a Storage-like object, so they are tested without a browser.
 */
import { MAX_NAME_LENGTH } from "~/lib/validation/workflow";

export const DRAFT_KEY = "workflow-studio:draft";

export interface Draft {
  name: string;
  code: string;
  /** ISO time the draft was written. */
  savedAt: string;
}

export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The stored draft, or null when there is none or it is not one of ours (never throws). */
export function readDraft(storage: DraftStorage | null): Draft | null {
  if (!storage) return null;
  let text: string | null;
  try {
    text = storage.getItem(DRAFT_KEY);
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object") return null;
    const { name, code, savedAt } = value as Record<string, unknown>;
    if (typeof name !== "string" || typeof code !== "string") return null;
    return { name: name.slice(0, MAX_NAME_LENGTH), code, savedAt: typeof savedAt === "string" ? savedAt : "" };
  } catch {
    return null;
  }
}

/** Stores the draft; false when the storage refused it (private mode, quota). */
export function writeDraft(storage: DraftStorage | null, draft: { name: string; code: string }, now: Date = new Date()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify({ name: draft.name, code: draft.code, savedAt: now.toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: DraftStorage | null): void {
  try {
    storage?.removeItem(DRAFT_KEY);
  } catch {
    // Nothing to do: the draft stays until the storage works again.
  }
}

/**
 * Whether a new editor should take the stored draft: when the URL asks for it (`?draft=1`, the way back from
 * log-in), or when nothing else was asked for (no `?example=`). A saved workflow's page never takes it.
 */
export function shouldRestoreDraft(input: { draftParam: boolean; exampleSlug: string | null; hasDraft: boolean }): boolean {
  if (!input.hasDraft) return false;
  return input.draftParam || input.exampleSlug === null;
}

/** Where "Save" sends a signed-out person: log in, then back to the editor with the draft. */
export const LOGIN_FOR_DRAFT_URL = `/login?callbackUrl=${encodeURIComponent("/editor?draft=1")}`;
