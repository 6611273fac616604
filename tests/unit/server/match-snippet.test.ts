import { describe, expect, it } from "vitest";
import { codeSnippet } from "../../../src/server/workflows/match-snippet";

/** As the database sends it: the excerpt from a 1-based start, and the hit's 1-based position in the code. */
function snippetOf(code: string, search: string, radius = 200): string {
  const chars = Array.from(code);
  const hitAt = Array.from(code.toLowerCase()).join("").indexOf(search.toLowerCase());
  const hit = hitAt === -1 ? 0 : Array.from(code.slice(0, hitAt)).length + 1;
  const excerptStart = Math.max(hit - radius, 1);
  const excerpt = chars.slice(excerptStart - 1, excerptStart - 1 + 2 * radius + search.length).join("");
  return codeSnippet({ excerpt, excerptStart, hitAt: hit, hitLength: Array.from(search).length });
}

describe("the snippet around a hit in the code", () => {
  it("is the hit's line, without its indentation", () => {
    expect(snippetOf("a = 1\n    total = quota(x)  # check\nb = 2\n", "quota")).toBe("total = quota(x)  # check");
  });

  it("cuts a long line to 160 characters around the hit, with ellipses where it was cut", () => {
    const line = `${"x".repeat(300)} needle ${"y".repeat(300)}`;
    const snippet = snippetOf(`first\n${line}\nlast`, "needle");
    expect(snippet.length).toBeLessThanOrEqual(160);
    expect(snippet).toMatch(/^…x+ needle y+…$/);
    expect(snippet.indexOf("needle")).toBeGreaterThan(20);
  });

  it("keeps a long hit whole when it fits, and starts at the line's start when the hit is near it", () => {
    const hit = "n".repeat(150);
    const snippet = snippetOf(`${"a".repeat(100)}${hit}${"b".repeat(100)}`, hit);
    expect(snippet).toContain(hit);
    expect(snippet.length).toBeLessThanOrEqual(160);
    expect(snippetOf(`needle ${"z".repeat(400)}`, "needle")).toMatch(/^needle z+…$/);
  });

  it("counts characters as the database does, so text beyond the BMP does not shift the window", () => {
    const code = `${"😀".repeat(50)}\nprint("héllo wörld") # 🐍 needle\n`;
    expect(snippetOf(code, "needle")).toBe('print("héllo wörld") # 🐍 needle');
  });

  it("is one line of plain text: tabs and control characters become spaces", () => {
    expect(snippetOf("x\n\tif\tneedle:\u0007go\n", "needle")).toBe("if needle: go");
  });

  it("falls back to the excerpt's first line when the database found no position", () => {
    expect(codeSnippet({ excerpt: "line one\nline two", excerptStart: 1, hitAt: 0, hitLength: 3 })).toBe("line one");
  });
});
