import { describe, expect, it } from "vitest";
import {
  clearDraft,
  DRAFT_KEY,
  draftDiffers,
  draftKey,
  LOGIN_FOR_DRAFT_URL,
  loginUrlFor,
  MAX_DRAFT_CHARS,
  MAX_DRAFTS,
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
    key: (index) => [...data.keys()][index] ?? null,
    get length() {
      return data.size;
    },
  };
}

describe("draft storage", () => {
  it("round-trips the name and the code exactly", () => {
    const storage = memoryStorage();
    const code = 'from langgraph.graph import StateGraph\n\n# ünïcode ✓ "quotes"\n\tindented\n';
    expect(writeDraft(storage, { name: "My agent", code }, { now: new Date("2026-01-02T03:04:05Z") })).toBe(true);
    expect(storage.data.has(DRAFT_KEY)).toBe(true);
    expect(readDraft(storage)).toEqual({ name: "My agent", code, savedAt: "2026-01-02T03:04:05.000Z", example: null });
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

  it("restores a new workflow's draft on a reload of the same example", () => {
    expect(shouldRestoreDraft({ draftParam: false, exampleSlug: "airflow-backup", hasDraft: true, draftExample: "airflow-backup" })).toBe(true);
    expect(shouldRestoreDraft({ draftParam: false, exampleSlug: "airflow-backup", hasDraft: true, draftExample: "kedro" })).toBe(false);
  });

  it("sends a saved workflow's person back to that workflow after log-in", () => {
    expect(loginUrlFor(null)).toBe(LOGIN_FOR_DRAFT_URL);
    const url = new URL(loginUrlFor("0b0e5c1e-0000-4000-8000-000000000001"), "http://x");
    expect(url.searchParams.get("callbackUrl")).toBe("/workflows/0b0e5c1e-0000-4000-8000-000000000001");
  });
});

describe("drafts per workflow", () => {
  it("keeps one draft per saved workflow beside the new workflow's, and clears only the one asked", () => {
    const storage = memoryStorage();
    writeDraft(storage, { name: "new", code: "n", example: "kedro" });
    writeDraft(storage, { name: "A", code: "a" }, { workflowId: "w-a" });
    writeDraft(storage, { name: "B", code: "b" }, { workflowId: "w-b" });
    expect(readDraft(storage)).toMatchObject({ name: "new", code: "n", example: "kedro" });
    expect(readDraft(storage, "w-a")).toMatchObject({ name: "A", code: "a" });
    clearDraft(storage, "w-a");
    expect(readDraft(storage, "w-a")).toBeNull();
    expect(readDraft(storage, "w-b")).toMatchObject({ code: "b" });
    expect(readDraft(storage)).toMatchObject({ code: "n" });
    expect(draftKey("w-b")).toBe(`${DRAFT_KEY}:w-b`);
  });

  it("holds at most MAX_DRAFTS drafts: the oldest goes first", () => {
    const storage = memoryStorage();
    storage.setItem("unrelated", "kept");
    for (let i = 0; i < MAX_DRAFTS + 3; i++) {
      expect(writeDraft(storage, { name: `n${i}`, code: `c${i}` }, { workflowId: `w${i}`, now: new Date(Date.UTC(2026, 0, 1, 0, i)) })).toBe(true);
    }
    const drafts = [...storage.data.keys()].filter((key) => key.startsWith(DRAFT_KEY));
    expect(drafts).toHaveLength(MAX_DRAFTS);
    expect(readDraft(storage, "w0")).toBeNull();
    expect(readDraft(storage, "w2")).toBeNull();
    expect(readDraft(storage, "w3")).not.toBeNull();
    expect(readDraft(storage, `w${MAX_DRAFTS + 2}`)).not.toBeNull();
    expect(storage.getItem("unrelated")).toBe("kept");
  });

  it("holds at most MAX_DRAFT_CHARS characters in all, and refuses one draft larger than that", () => {
    const storage = memoryStorage();
    const big = "x".repeat(Math.floor(MAX_DRAFT_CHARS / 3));
    for (let i = 0; i < 4; i++) writeDraft(storage, { name: "n", code: big }, { workflowId: `w${i}`, now: new Date(Date.UTC(2026, 0, 1, i)) });
    const total = [...storage.data].reduce((sum, [key, value]) => sum + key.length + value.length, 0);
    expect(total).toBeLessThanOrEqual(MAX_DRAFT_CHARS);
    expect(readDraft(storage, "w0")).toBeNull();
    expect(readDraft(storage, "w3")?.code).toBe(big);
    expect(writeDraft(storage, { name: "n", code: "x".repeat(MAX_DRAFT_CHARS) }, { workflowId: "huge" })).toBe(false);
    expect(readDraft(storage, "w3")?.code).toBe(big); // nothing dropped for a draft that could never fit
  });

  it("offers a saved workflow's draft only when it differs from what the server sent", () => {
    const loaded = { name: "Backup", code: "x = 1\n" };
    expect(draftDiffers(null, loaded)).toBe(false);
    expect(draftDiffers({ ...loaded, name: "Backup ", savedAt: "", example: null }, loaded)).toBe(false);
    expect(draftDiffers({ ...loaded, code: "x = 2\n", savedAt: "", example: null }, loaded)).toBe(true);
  });
});
