/**
 * Local drafts: the editor's name and code kept in this browser's localStorage while they differ from what the server
 * has — one per saved workflow (`workflow-studio:draft:<id>`) and one for a new workflow (`workflow-studio:draft`, also
 * the way back from log-in). Never sent anywhere: only a save sends the content. Bounded (docs/decisions/071):
 * at most MAX_DRAFTS drafts and MAX_DRAFT_CHARS characters in all; the oldest go first.
 * Pure functions over a Storage-like object, so they are tested without a browser.
 */
import { MAX_NAME_LENGTH } from "~/lib/validation/workflow-limits";

/** The new workflow's draft; a saved workflow's is this plus ":<id>". */
export const DRAFT_KEY = "workflow-studio:draft";
/** Drafts kept at most (the oldest is dropped to make room). */
export const MAX_DRAFTS = 20;
/** Characters of all drafts together at most (localStorage holds about 5 million per site, shared with the app). */
export const MAX_DRAFT_CHARS = 2_000_000;
/** Write a draft this long after the last change (the issue asks for within a second). */
export const DRAFT_WRITE_DELAY_MS = 400;

export interface Draft {
  name: string;
  code: string;
  /** ISO time the draft was written. */
  savedAt: string;
  /** The example a new workflow started from (null: an empty editor, or a saved workflow). */
  example: string | null;
}

export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem"> & Partial<Pick<Storage, "key" | "length">>;

/** The storage key of a workflow's draft (null: the new workflow's). */
export function draftKey(workflowId: string | null): string {
  return workflowId === null ? DRAFT_KEY : `${DRAFT_KEY}:${workflowId}`;
}

function parse(text: string | null): Draft | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object") return null;
    const { name, code, savedAt, example } = value as Record<string, unknown>;
    if (typeof name !== "string" || typeof code !== "string") return null;
    return {
      name: name.slice(0, MAX_NAME_LENGTH),
      code,
      savedAt: typeof savedAt === "string" ? savedAt : "",
      example: typeof example === "string" ? example : null,
    };
  } catch {
    return null;
  }
}

/** The stored draft, or null when there is none or it is not one of ours (never throws). */
export function readDraft(storage: DraftStorage | null, workflowId: string | null = null): Draft | null {
  if (!storage) return null;
  try {
    return parse(storage.getItem(draftKey(workflowId)));
  } catch {
    return null;
  }
}

/** Every draft key in the storage with its size and time (for the bound). */
function listDrafts(storage: DraftStorage): { key: string; chars: number; savedAt: string }[] {
  const found: { key: string; chars: number; savedAt: string }[] = [];
  if (typeof storage.key !== "function" || typeof storage.length !== "number") return found;
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key === null || (key !== DRAFT_KEY && !key.startsWith(`${DRAFT_KEY}:`))) continue;
    const text = storage.getItem(key) ?? "";
    found.push({ key, chars: key.length + text.length, savedAt: parse(text)?.savedAt ?? "" });
  }
  return found;
}

/** Removes the oldest drafts (never `keep`) until `incoming` more characters and one more draft fit the bounds. */
function makeRoom(storage: DraftStorage, keep: string, incoming: number): void {
  const others = listDrafts(storage)
    .filter((entry) => entry.key !== keep)
    .sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  let chars = others.reduce((sum, entry) => sum + entry.chars, 0) + incoming;
  let count = others.length + 1;
  for (const entry of others) {
    if (chars <= MAX_DRAFT_CHARS && count <= MAX_DRAFTS) break;
    storage.removeItem(entry.key);
    chars -= entry.chars;
    count -= 1;
  }
}

/**
 * Stores the draft, dropping the oldest others when the bounds need it; false when the storage refused it
 * (private mode, quota) or the draft alone is larger than the bound.
 */
export function writeDraft(
  storage: DraftStorage | null,
  draft: { name: string; code: string; example?: string | null },
  options: { workflowId?: string | null; now?: Date } = {},
): boolean {
  if (!storage) return false;
  const key = draftKey(options.workflowId ?? null);
  const text = JSON.stringify({
    name: draft.name,
    code: draft.code,
    savedAt: (options.now ?? new Date()).toISOString(),
    example: draft.example ?? null,
  });
  if (key.length + text.length > MAX_DRAFT_CHARS) return false;
  try {
    makeRoom(storage, key, key.length + text.length);
    storage.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: DraftStorage | null, workflowId: string | null = null): void {
  try {
    storage?.removeItem(draftKey(workflowId));
  } catch {
    // Nothing to do: the draft stays until the storage works again.
  }
}

/**
 * Whether a new editor should take the stored draft: when the URL asks for it (`?draft=1`, the way back from
 * log-in), when nothing else was asked for (no `?example=`), or when the draft was written on the same example
 * (a reload). A saved workflow's page offers its own draft instead (draftOfferFor).
 */
export function shouldRestoreDraft(input: {
  draftParam: boolean;
  exampleSlug: string | null;
  hasDraft: boolean;
  draftExample?: string | null;
}): boolean {
  if (!input.hasDraft) return false;
  return input.draftParam || input.exampleSlug === null || input.draftExample === input.exampleSlug;
}

/** A saved workflow's draft worth offering: one that differs from what the server sent. */
export function draftDiffers(draft: Draft | null, loaded: { name: string; code: string }): boolean {
  if (!draft) return false;
  return draft.code !== loaded.code || draft.name.trim() !== loaded.name.trim();
}

/** Where "Save" sends a signed-out person: log in, then back to the editor with the draft. */
export const LOGIN_FOR_DRAFT_URL = `/login?callbackUrl=${encodeURIComponent("/editor?draft=1")}`;

/** The same for a saved workflow whose session ended: back to its page, where its draft is offered. */
export function loginUrlFor(workflowId: string | null): string {
  if (workflowId === null) return LOGIN_FOR_DRAFT_URL;
  return `/login?callbackUrl=${encodeURIComponent(`/workflows/${workflowId}`)}`;
}
