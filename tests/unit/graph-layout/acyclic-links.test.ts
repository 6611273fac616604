import { describe, expect, it } from "vitest";
import { acyclicLinks } from "~/lib/graph-layout/engine-d3dag";

describe("acyclicLinks", () => {
  it("reverses only a loop's way back, found from the node nothing points to", () => {
    // 0 START → 1 agent → 2 tools → 1 agent; 1 → 3 END
    // The way back 2 → 1 is laid out as 1 → 2 (then a duplicate of the way there, dropped).
    expect(acyclicLinks(4, [[0, 1], [1, 2], [2, 1], [1, 3]])).toEqual([[0, 1], [1, 2], [1, 3]]);
  });

  it("keeps a DAG as it is, drops self links and duplicates", () => {
    expect(acyclicLinks(3, [[0, 1], [1, 2], [0, 2], [2, 2], [0, 1]])).toEqual([[0, 1], [1, 2], [0, 2]]);
  });

  it("breaks a cycle nothing enters", () => {
    const links = acyclicLinks(3, [[0, 1], [1, 2], [2, 0]]);
    expect(links).toEqual([[0, 1], [1, 2], [0, 2]]);
  });
});
