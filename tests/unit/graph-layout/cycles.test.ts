import { describe, expect, it } from "vitest";
import { backLinks } from "~/lib/graph-layout/cycles";

describe("backLinks", () => {
  it("marks only a loop's way back, found from the node nothing points to", () => {
    // 0 START → 1 agent → 2 tools → 1 agent; 1 → 3 END: only tools → agent closes the cycle.
    expect(backLinks(4, [[0, 1], [1, 2], [2, 1], [1, 3]])).toEqual([false, false, true, false]);
  });

  it("keeps a DAG as it is; self links and parallel links are not back links", () => {
    expect(backLinks(3, [[0, 1], [1, 2], [0, 2], [2, 2], [0, 1]])).toEqual([false, false, false, false, false]);
  });

  it("breaks a cycle nothing enters at the link that returns to the first node", () => {
    expect(backLinks(3, [[0, 1], [1, 2], [2, 0]])).toEqual([false, false, true]);
  });

  it("gives parallel links between the same nodes the same flag", () => {
    expect(backLinks(2, [[0, 1], [1, 0], [1, 0]])).toEqual([false, true, true]);
  });
});
