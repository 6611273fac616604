import path from "node:path";
import { describe, expect, it } from "vitest";
import { SRC, packagesImportedBy } from "../../helpers/module-graph";

const HEAVY = /^@codemirror\/|^@uiw\/|^@xyflow\//;

describe("the home page", () => {
  it("ships neither CodeMirror nor React Flow", () => {
    const heavy = [...packagesImportedBy(path.join(SRC, "app/page.tsx"))].filter((p) => HEAVY.test(p));
    expect(heavy).toEqual([]);
  });

  it("while the editor pages do load them (the check above looks where it should)", () => {
    const packages = [...packagesImportedBy(path.join(SRC, "app/editor/page.tsx"))];
    expect(packages.some((p) => p.startsWith("@codemirror/"))).toBe(true);
    expect(packages.some((p) => p.startsWith("@xyflow/"))).toBe(true);
  });
});
