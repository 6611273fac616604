/**
 * Decision 105: `builtOutput(schema)` — what the list procedure's `.output()` is. In development and tests it parses
 * (a broken page fails, an extra field is dropped); in production it hands the page on as built, the same object.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { workflowList } from "../../../src/lib/validation/workflow-output";
import { builtOutput } from "../../../src/server/api/checked-output";

const entry = {
  id: "0190a5f0-0000-7000-8000-000000000001",
  name: "Nightly backup",
  version: 1,
  createdAt: "2026-11-30T08:00:00.000Z",
  updatedAt: "2026-11-30T08:00:00.000Z",
  size: { bytes: 10, lines: 1 },
  tags: [],
  graph: { dialect: "airflow", nodes: 2, edges: 1 },
  match: null,
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the list's output check", () => {
  it("parses outside production: a broken page throws, an undeclared field is dropped", () => {
    vi.stubEnv("NODE_ENV", "test");
    const check = builtOutput(workflowList);
    expect(() => check({ items: [{ ...entry, version: 0 }], nextCursor: null })).toThrow();
    expect(() => check({ items: [{ ...entry, graph: { dialect: "airflow", nodes: "2", edges: 1 } }], nextCursor: null })).toThrow();
    const page = { items: [{ ...entry, ownerId: "someone" }], nextCursor: null };
    const checked = check(page);
    expect(checked).not.toBe(page);
    expect(checked.items[0]).not.toHaveProperty("ownerId");
  });

  it("hands the page on as built in production", () => {
    vi.stubEnv("NODE_ENV", "production");
    const check = builtOutput(workflowList);
    const page = { items: [entry], nextCursor: null };
    expect(check(page)).toBe(page);
  });
});
