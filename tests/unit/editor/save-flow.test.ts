import { describe, expect, it } from "vitest";
import {
  initSaveFlow,
  OFFLINE_IDLE_MESSAGE,
  OFFLINE_MESSAGE,
  retryDelay,
  saveFlowReducer,
  saveStatusView,
  SLOW_MESSAGE,
  UNREACHABLE_MESSAGE,
  type SaveFlowAction,
  type SaveFlowState,
} from "~/components/editor/save-flow";

const NEW = initSaveFlow({ workflow: null, name: "Untitled workflow", code: "" });
const SAVED = initSaveFlow({ workflow: { id: "w1", version: 3 }, name: "Backup", code: "x = 1\n" });

function run(state: SaveFlowState, ...actions: SaveFlowAction[]): SaveFlowState {
  return actions.reduce(saveFlowReducer, state);
}

describe("save flow: saving", () => {
  it("a first save stores the workflow and its content becomes the baseline", () => {
    const saving = run(NEW, { type: "save-started", asCopy: false });
    expect(saving.saving).toEqual({ id: 1, asCopy: false, slow: false, wait: null });
    expect(saveStatusView(saving, true, true)).toEqual({ label: "Saving…", tone: "busy", message: null });

    const content = { name: "  Agent ", code: "graph = 1\n" };
    const done = run(saving, { type: "save-succeeded", id: 1, saved: { id: "w9", version: 1, name: "Agent" }, content, asCopy: false });
    expect(done.saving).toBeNull();
    expect(done.workflow).toEqual({ id: "w9", version: 1 });
    expect(done.baseline).toEqual({ name: "Agent", code: "graph = 1\n" });
    expect(saveStatusView(done, false, true).label).toBe("Saved");
  });

  it("runs one save at a time, and ignores answers and timers of another save", () => {
    const first = run(NEW, { type: "save-started", asCopy: false });
    expect(run(first, { type: "save-started", asCopy: true })).toBe(first);
    const content = { name: "a", code: "b" };
    const late = { type: "save-succeeded", id: 7, saved: { id: "w", version: 1, name: "a" }, content, asCopy: false } as const;
    expect(run(first, late)).toBe(first);
    expect(run(first, { type: "save-slow", id: 7 })).toBe(first);
    expect(run(first, { type: "save-failed", id: 7, message: "no" })).toBe(first);
    // The next save has the next id.
    const again = run(first, { type: "save-failed", id: 1, message: "no" }, { type: "save-started", asCopy: false });
    expect(again.saving?.id).toBe(2);
  });

  it("a copy keeps this workflow's id and version, and nothing is left unsaved", () => {
    const content = { name: "Backup", code: "x = 2\n" };
    const done = run(
      SAVED,
      { type: "save-started", asCopy: true },
      { type: "save-succeeded", id: 1, saved: { id: "copy", version: 1, name: "Backup (copy)" }, content, asCopy: true },
    );
    expect(done.workflow).toEqual({ id: "w1", version: 3 });
    expect(done.baseline).toEqual(content);
  });

  it("a server refusal says why, keeps the content and lets the next save clear it", () => {
    const failed = run(
      SAVED,
      { type: "save-started", asCopy: false },
      { type: "save-failed", id: 1, message: "A name has at most 100 characters.", nameError: "A name has at most 100 characters." },
    );
    expect(failed.baseline).toEqual(SAVED.baseline);
    expect(failed.nameError).toBe("A name has at most 100 characters.");
    expect(saveStatusView(failed, true, true)).toEqual({
      label: "Not saved",
      tone: "error",
      message: "Not saved: A name has at most 100 characters.",
    });
    const retried = run(failed, { type: "save-started", asCopy: false });
    expect(retried.failure).toBeNull();
    expect(retried.nameError).toBeNull();
  });

  it("an invalid name is refused before any request", () => {
    const refused = run(NEW, { type: "name-invalid", message: "Give the workflow a name." });
    expect(refused.saving).toBeNull();
    expect(refused.nameError).toBe("Give the workflow a name.");
    expect(run(refused, { type: "name-edited" }).nameError).toBeNull();
  });

  it("a workflow deleted elsewhere becomes new again, and says so", () => {
    const gone = run(SAVED, { type: "save-started", asCopy: false }, { type: "save-not-found", id: 1 });
    expect(gone.workflow).toBeNull();
    expect(saveStatusView(gone, true, true).message).toMatch(/deleted elsewhere/);
  });

  it("signed out: the save ends without changing what is stored", () => {
    const out = run(NEW, { type: "save-started", asCopy: false }, { type: "save-signed-out", id: 1 });
    expect(out.saving).toBeNull();
    expect(out.workflow).toBeNull();
    expect(out.failure).toBeNull();
  });
});

describe("save flow: offline and slow", () => {
  it("a save waiting for the network says so and keeps the changes on this device", () => {
    const saving = run(SAVED, { type: "save-started", asCopy: false });
    // The browser is offline before React Query pauses the request.
    expect(saveStatusView(saving, true, false).message).toBe(OFFLINE_MESSAGE);
    const paused = run(saving, { type: "save-waiting", id: 1, wait: "offline" });
    expect(saveStatusView(paused, true, true)).toEqual({ label: "Waiting for network", tone: "warning", message: OFFLINE_MESSAGE });
    const retrying = run(paused, { type: "save-waiting", id: 1, wait: "unreachable" });
    expect(saveStatusView(retrying, true, true).message).toBe(UNREACHABLE_MESSAGE);
    const content = { name: "Backup", code: "x = 2\n" };
    const done = run(retrying, { type: "save-succeeded", id: 1, saved: { id: "w1", version: 4, name: "Backup" }, content, asCopy: false });
    expect(done.workflow).toEqual({ id: "w1", version: 4 });
    expect(saveStatusView(done, false, true)).toEqual({ label: "Saved", tone: "saved", message: null });
  });

  it("a save with no answer for 10 s says it is still going", () => {
    const slow = run(SAVED, { type: "save-started", asCopy: false }, { type: "save-slow", id: 1 });
    expect(saveStatusView(slow, true, true)).toEqual({ label: "Saving…", tone: "busy", message: SLOW_MESSAGE });
  });

  it("offline without a save: the changes are kept here", () => {
    expect(saveStatusView(SAVED, true, false)).toEqual({ label: "Unsaved changes", tone: "dirty", message: OFFLINE_IDLE_MESSAGE });
  });

  it("retries back off: 1 s, 2 s, 4 s … never more than 30 s apart", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

describe("save flow: status of an untouched workflow", () => {
  it("a new or example workflow nobody touched is not 'unsaved'", () => {
    expect(saveStatusView(NEW, false, true)).toEqual({ label: "Not saved yet", tone: "dirty", message: null });
    expect(saveStatusView(NEW, true, true).label).toBe("Unsaved changes");
    expect(saveStatusView(SAVED, false, true).label).toBe("Saved");
  });
});

describe("save flow: conflict", () => {
  const conflicted = run(SAVED, { type: "save-started", asCopy: false }, {
    type: "save-conflict",
    id: 1,
    conflict: { currentVersion: 5, updatedAt: "2026-11-30T00:00:00.000Z" },
  });

  it("opens the dialog and keeps everything else", () => {
    expect(conflicted.conflict).toEqual({ currentVersion: 5, updatedAt: "2026-11-30T00:00:00.000Z" });
    expect(conflicted.saving).toBeNull();
    expect(conflicted.baseline).toEqual(SAVED.baseline);
  });

  it("Escape closes it, except while a choice is running", () => {
    expect(run(conflicted, { type: "conflict-closed" }).conflict).toBeNull();
    const busy = run(conflicted, { type: "conflict-busy", busy: true });
    expect(run(busy, { type: "conflict-closed" }).conflict).not.toBeNull();
  });

  it("Reload theirs takes the server's version as the baseline", () => {
    const theirs = { name: "Backup", code: "x = 5\n" };
    const loaded = run(conflicted, { type: "conflict-busy", busy: true }, { type: "theirs-loaded", workflow: { id: "w1", version: 5 }, content: theirs });
    expect(loaded).toMatchObject({ workflow: { id: "w1", version: 5 }, baseline: theirs, conflict: null, conflictBusy: false });
  });

  it("Overwrite saves at the server's version and closes the dialog", () => {
    const content = { name: "Backup", code: "mine\n" };
    const done = run(
      conflicted,
      { type: "save-started", asCopy: false },
      { type: "save-succeeded", id: 2, saved: { id: "w1", version: 6, name: "Backup" }, content, asCopy: false },
    );
    expect(done.conflict).toBeNull();
    expect(done.workflow).toEqual({ id: "w1", version: 6 });
  });
});

describe("save flow: local draft offer", () => {
  const draft = { name: "Backup", code: "x = 99\n", savedAt: "2026-11-30T00:10:00.000Z" };

  it("offers a newer local draft until it is restored or discarded", () => {
    const offered = run(SAVED, { type: "draft-found", draft });
    expect(offered.draftOffer).toEqual(draft);
    expect(run(offered, { type: "draft-restored" }).draftOffer).toBeNull();
    expect(run(offered, { type: "draft-discarded" }).draftOffer).toBeNull();
  });

  it("a save answers the offer too", () => {
    const content = { name: "Backup", code: "y\n" };
    const saved = run(
      SAVED,
      { type: "draft-found", draft },
      { type: "save-started", asCopy: false },
      { type: "save-succeeded", id: 1, saved: { id: "w1", version: 4, name: "Backup" }, content, asCopy: false },
    );
    expect(saved.draftOffer).toBeNull();
  });
});
