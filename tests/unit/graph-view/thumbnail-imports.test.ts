import path from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, packagesImportedBy } from "../../helpers/module-graph";

describe("GraphThumbnail", () => {
  it("does not pull React Flow into gallery pages", () => {
    const packages = packagesImportedBy(path.join(SRC, "components/graph/graph-thumbnail.tsx"));
    expect([...packages].filter((p) => p.startsWith("@xyflow"))).toEqual([]);
  });
});
