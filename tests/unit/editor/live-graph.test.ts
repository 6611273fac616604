import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createDebouncer,
  errorLines,
  initLiveGraph,
  liveGraphReducer,
  REDRAW_DELAY_MS,
} from "~/components/editor/live-graph";
import { copyName, isDirty } from "~/components/editor/save-state";
import { findExample } from "~/lib/examples";
import { visualize } from "~/lib/visualizer";

const good = visualize(findExample("airflow-backup")!.code);
const broken = visualize(`${findExample("airflow-backup")!.code}\n    upload >> (\n`);
const otherGood = visualize(findExample("kedro-training")!.code);

describe("live graph reducer", () => {
  it("the broken fixture really has errors", () => {
    expect(broken.diagnostics.some((d) => d.severity === "error")).toBe(true);
  });

  it("draws each good graph", () => {
    const state = liveGraphReducer(initLiveGraph(good), { type: "analysed", graph: otherGood });
    expect(state.graph).toBe(otherGood);
    expect(state.errors).toEqual([]);
    expect(state.stale).toBe(false);
  });

  it("keeps the last good graph while the code has syntax errors, and lists the errors", () => {
    const state = liveGraphReducer(initLiveGraph(good), { type: "analysed", graph: broken });
    expect(state.graph).toBe(good);
    expect(state.latest).toBe(broken);
    expect(state.stale).toBe(true);
    expect(state.errors.length).toBeGreaterThan(0);
    expect(state.errors.every((d) => d.severity === "error")).toBe(true);
    // Fixed again: the new graph is drawn and the errors go away.
    const fixed = liveGraphReducer(state, { type: "analysed", graph: otherGood });
    expect(fixed.graph).toBe(otherGood);
    expect(fixed.errors).toEqual([]);
    expect(fixed.stale).toBe(false);
  });

  it("draws the partial graph when there never was a good one", () => {
    const state = initLiveGraph(broken);
    expect(state.graph).toBe(broken);
    expect(state.good).toBe(false);
    const next = liveGraphReducer(state, { type: "analysed", graph: broken });
    expect(next.graph).toBe(broken);
    expect(next.stale).toBe(false);
  });

  it("forgets the old drawing when other content is loaded", () => {
    const state = liveGraphReducer(initLiveGraph(good), { type: "loaded", graph: broken });
    expect(state.graph).toBe(broken);
    expect(state.stale).toBe(false);
  });

  it("words the errors for the banner", () => {
    const d = { severity: "error" as const, message: "Unexpected token", line: 3, column: 1, from: 0, to: 1 };
    expect(errorLines([d])).toEqual(["Line 3: Unexpected token"]);
    expect(errorLines([d, d, d, d, d], 3)).toEqual([
      "Line 3: Unexpected token",
      "Line 3: Unexpected token",
      "Line 3: Unexpected token",
      "…and 2 more",
    ]);
  });
});

describe("debouncer", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs once, the delay after the last call, well within 150 ms", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const debounced = createDebouncer(fn, REDRAW_DELAY_MS);
    expect(REDRAW_DELAY_MS).toBeLessThan(150);
    for (let i = 0; i < 5; i++) {
      debounced.schedule();
      vi.advanceTimersByTime(REDRAW_DELAY_MS - 10);
    }
    expect(fn).not.toHaveBeenCalled();
    expect(debounced.pending).toBe(true);
    vi.advanceTimersByTime(10);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(debounced.pending).toBe(false);
  });

  it("flushes a pending call at once, and cancels", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const debounced = createDebouncer(fn, 100);
    debounced.flush();
    expect(fn).not.toHaveBeenCalled();
    debounced.schedule();
    debounced.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    debounced.schedule();
    debounced.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe("content and names", () => {
  it("is dirty when the code or the (trimmed) name changed", () => {
    const base = { name: "a", code: "x = 1\n" };
    expect(isDirty(base, { name: "a ", code: "x = 1\n" })).toBe(false);
    expect(isDirty(base, { name: "b", code: "x = 1\n" })).toBe(true);
    expect(isDirty(base, { name: "a", code: "x = 2\n" })).toBe(true);
  });

  it("names a copy within the length limit", () => {
    expect(copyName("Backup")).toBe("Backup (copy)");
    expect(copyName("  ")).toBe("Untitled workflow (copy)");
    expect(copyName("x".repeat(100))).toHaveLength(100);
  });
});
