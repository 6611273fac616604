import { describe, expect, it } from "vitest";
import {
  clearDraft,
  DRAFT_KEY,
  LOGIN_FOR_DRAFT_URL,
  readDraft,
  shouldRestoreDraft,
  writeDraft,
  type DraftStorage,
} from "~/components/editor/draft";

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe("draft storage", () => {
  it("round-trips the name and the code exactly", () => {
    const storage = memoryStorage();
    const code = 'from langgraph.graph import StateGraph\n\n# ünïcode ✓ "quotes"\n\tindented\n';
    expect(writeDraft(storage, { name: "My agent", code }, new Date("2026-01-02T03:04:05Z"))).toBe(true);
    expect(storage.data.has(DRAFT_KEY)).toBe(true);
    expect(readDraft(storage)).toEqual({ name: "My agent", code, savedAt: "2026-01-02T03:04:05.000Z" });
  });

  it("reads nothing when there is no draft, and nothing after clearing it", () => {
    const storage = memoryStorage();
    expect(readDraft(storage)).toBeNull();
    writeDraft(storage, { name: "a", code: "b" });
    clearDraft(storage);
    expect(readDraft(storage)).toBeNull();
  });

  it("ignores a value that is not ours", () => {
    const storage = memoryStorage();
    for (const value of ["not json", "null", "42", '{"name":1,"code":"x"}', '{"name":"x"}']) {
      storage.setItem(DRAFT_KEY, value);
      expect(readDraft(storage)).toBeNull();
    }
  });

  it("survives a storage that throws (private mode, quota) or is missing", () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(writeDraft(broken, { name: "a", code: "b" })).toBe(false);
    expect(readDraft(broken)).toBeNull();
    expect(() => clearDraft(broken)).not.toThrow();
    expect(readDraft(null)).toBeNull();
    expect(writeDraft(null, { name: "a", code: "b" })).toBe(false);
  });

  it("restores on ?draft=1, or when no example was asked for", () => {
    expect(shouldRestoreDraft({ draftParam: true, exampleSlug: null, hasDraft: true })).toBe(true);
    expect(shouldRestoreDraft({ draftParam: false, exampleSlug: null, hasDraft: true })).toBe(true);
    expect(shouldRestoreDraft({ draftParam: false, exampleSlug: "airflow-backup", hasDraft: true })).toBe(false);
    expect(shouldRestoreDraft({ draftParam: true, exampleSlug: "airflow-backup", hasDraft: true })).toBe(true);
    expect(shouldRestoreDraft({ draftParam: true, exampleSlug: null, hasDraft: false })).toBe(false);
  });

  it("sends the person to log in with a callback back to the draft", () => {
    expect(LOGIN_FOR_DRAFT_URL).toBe("/login?callbackUrl=%2Feditor%3Fdraft%3D1");
    expect(new URL(LOGIN_FOR_DRAFT_URL, "http://x").searchParams.get("callbackUrl")).toBe("/editor?draft=1");
  });
});
