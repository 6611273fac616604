/**
 * The editor's save flow as a pure reducer, tested without a browser (the pattern of live-graph.ts): what is saved,
 * what is being saved and why it waits, the conflict dialog, the copy, and the offer to restore a local draft.
 * The hook that runs the requests is use-save-workflow.ts; it only dispatches these actions.
 */
import type { Content } from "./save-state";

export interface SavedRef {
  id: string;
  version: number;
}

export interface Conflict {
  /** The server's version, from the CONFLICT error's details (null when it sent none). */
  currentVersion: number | null;
  updatedAt: string | null;
}

/** Why a save in flight has not finished. */
export type SaveWait = "offline" | "unreachable" | null;

export interface SaveInFlight {
  /** Tells apart the save a late timer or answer belongs to. */
  id: number;
  asCopy: boolean;
  /** No answer for SLOW_SAVE_MS. */
  slow: boolean;
  wait: SaveWait;
}

export interface DraftOffer {
  name: string;
  code: string;
  /** ISO time the local draft was written. */
  savedAt: string;
}

export interface SaveFlowState {
  /** The stored workflow, or null before its first save (or after it was deleted elsewhere). */
  workflow: SavedRef | null;
  /** What the server holds (or what was loaded, for a new workflow): the editor is dirty when it differs. */
  baseline: Content;
  saving: SaveInFlight | null;
  /** The last save failed for a reason the person should read (kept until the next save or edit of the name). */
  failure: string | null;
  nameError: string | null;
  conflict: Conflict | null;
  /** A conflict choice is running (loading theirs, overwriting, saving the copy). */
  conflictBusy: boolean;
  /** A saved workflow has a newer local draft: "Restore unsaved changes / Discard". */
  draftOffer: DraftOffer | null;
  /** The next save's id. */
  nextId: number;
}

export type SaveFlowAction =
  | { type: "name-edited" }
  | { type: "name-invalid"; message: string }
  | { type: "save-started"; asCopy: boolean }
  | { type: "save-slow"; id: number }
  | { type: "save-waiting"; id: number; wait: SaveWait }
  /** The server stored `content`: as the workflow itself, or as a new copy (`asCopy`). */
  | { type: "save-succeeded"; id: number; saved: SavedRef & { name: string }; content: Content; asCopy: boolean }
  | { type: "save-conflict"; id: number; conflict: Conflict }
  | { type: "save-not-found"; id: number }
  /** Signed out (never signed in, or the session ended): the hook keeps the draft and goes to log in. */
  | { type: "save-signed-out"; id: number }
  | { type: "save-failed"; id: number; message: string; nameError?: string | null }
  | { type: "conflict-closed" }
  | { type: "conflict-busy"; busy: boolean }
  /** "Reload theirs": the server's version replaces the editor's. */
  | { type: "theirs-loaded"; workflow: SavedRef; content: Content }
  | { type: "draft-found"; draft: DraftOffer }
  | { type: "draft-restored" }
  | { type: "draft-discarded" };

/** A save without an answer this long says why it is still going. */
export const SLOW_SAVE_MS = 10_000;

/** Retries of a save that could not reach the server: 1 s, 2 s, 4 s … at most 30 s apart, 8 tries in all. */
export const SAVE_RETRIES = 7;
export function retryDelay(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), 30_000);
}

export function initSaveFlow(input: { workflow: SavedRef | null; name: string; code: string }): SaveFlowState {
  return {
    workflow: input.workflow,
    baseline: { name: input.name, code: input.code },
    saving: null,
    failure: null,
    nameError: null,
    conflict: null,
    conflictBusy: false,
    draftOffer: null,
    nextId: 1,
  };
}

/** Whether an answer or timer belongs to the save in flight (a late one for an older save changes nothing). */
function current(state: SaveFlowState, id: number): boolean {
  return state.saving !== null && state.saving.id === id;
}

export function saveFlowReducer(state: SaveFlowState, action: SaveFlowAction): SaveFlowState {
  switch (action.type) {
    case "name-edited":
      return state.nameError === null ? state : { ...state, nameError: null };
    case "name-invalid":
      return { ...state, nameError: action.message, failure: `Not saved: ${action.message}` };
    case "save-started":
      if (state.saving) return state; // one save at a time
      return {
        ...state,
        saving: { id: state.nextId, asCopy: action.asCopy, slow: false, wait: null },
        nextId: state.nextId + 1,
        failure: null,
        nameError: null,
      };
    case "save-slow":
      return current(state, action.id) ? { ...state, saving: { ...state.saving!, slow: true } } : state;
    case "save-waiting":
      if (!current(state, action.id) || state.saving!.wait === action.wait) return state;
      return { ...state, saving: { ...state.saving!, wait: action.wait } };
    case "save-succeeded": {
      if (!current(state, action.id)) return state;
      const done = { ...state, saving: null, conflict: null, failure: null, draftOffer: null };
      // A copy leaves this workflow as it was; what the editor holds is stored (as the copy): nothing to lose.
      if (action.asCopy) return { ...done, baseline: action.content };
      return {
        ...done,
        workflow: { id: action.saved.id, version: action.saved.version },
        baseline: { name: action.saved.name, code: action.content.code },
      };
    }
    case "save-conflict":
      if (!current(state, action.id)) return state;
      return { ...state, saving: null, conflict: action.conflict };
    case "save-not-found":
      if (!current(state, action.id)) return state;
      return {
        ...state,
        saving: null,
        workflow: null,
        failure: "This workflow was deleted elsewhere. Save again to keep it as a new workflow.",
      };
    case "save-signed-out":
      return current(state, action.id) ? { ...state, saving: null } : state;
    case "save-failed":
      if (!current(state, action.id)) return state;
      return { ...state, saving: null, failure: `Not saved: ${action.message}`, nameError: action.nameError ?? null };
    case "conflict-closed":
      return state.conflictBusy ? state : { ...state, conflict: null };
    case "conflict-busy":
      return { ...state, conflictBusy: action.busy };
    case "theirs-loaded":
      return {
        ...state,
        workflow: action.workflow,
        baseline: action.content,
        conflict: null,
        conflictBusy: false,
        failure: null,
        nameError: null,
      };
    case "draft-found":
      return { ...state, draftOffer: action.draft };
    case "draft-restored":
    case "draft-discarded":
      return { ...state, draftOffer: null };
  }
}

export type SaveTone = "saved" | "dirty" | "busy" | "warning" | "error";

export interface SaveStatusView {
  /** The short status beside the Save button. */
  label: string;
  tone: SaveTone;
  /** A sentence under the toolbar when there is something to explain (offline, slow, a failure). */
  message: string | null;
}

export const OFFLINE_MESSAGE =
  "Offline — your changes are kept on this device and will be saved when you are back online.";
export const UNREACHABLE_MESSAGE =
  "Cannot reach the server — your changes are kept on this device; trying again shortly.";
export const SLOW_MESSAGE = "Still saving — the server has not answered yet. Your changes are kept on this device.";
export const OFFLINE_IDLE_MESSAGE = "You are offline. Your changes are kept on this device until you save.";

/**
 * What the toolbar says. `dirty`: the editor differs from the baseline; `online`: the browser's idea (navigator and
 * failed requests). A new workflow that nobody touched (empty, or an example) is "Not saved yet", not "unsaved".
 */
export function saveStatusView(state: SaveFlowState, dirty: boolean, online: boolean): SaveStatusView {
  const saving = state.saving;
  if (saving) {
    if (saving.wait === "offline" || (!online && saving.wait === null))
      return { label: "Waiting for network", tone: "warning", message: OFFLINE_MESSAGE };
    if (saving.wait === "unreachable") return { label: "Retrying…", tone: "warning", message: UNREACHABLE_MESSAGE };
    return { label: "Saving…", tone: "busy", message: saving.slow ? SLOW_MESSAGE : null };
  }
  const offline = online ? null : OFFLINE_IDLE_MESSAGE;
  if (state.failure) return { label: "Not saved", tone: "error", message: state.failure };
  if (dirty) return { label: "Unsaved changes", tone: "dirty", message: offline };
  if (state.workflow === null) return { label: "Not saved yet", tone: "dirty", message: offline };
  return { label: "Saved", tone: "saved", message: offline };
}
