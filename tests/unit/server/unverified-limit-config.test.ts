/** UNVERIFIED_WORKFLOW_LIMIT is validated at start (docs/decisions/099): a whole number from 0, default 3. */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../src/server/config";

describe("UNVERIFIED_WORKFLOW_LIMIT", () => {
  it("defaults to 3 and takes 0 (nothing before verification) and larger limits", () => {
    expect(parseConfig({}).UNVERIFIED_WORKFLOW_LIMIT).toBe(3);
    expect(parseConfig({ UNVERIFIED_WORKFLOW_LIMIT: "0" }).UNVERIFIED_WORKFLOW_LIMIT).toBe(0);
    expect(parseConfig({ UNVERIFIED_WORKFLOW_LIMIT: "25" }).UNVERIFIED_WORKFLOW_LIMIT).toBe(25);
  });

  it("refuses a value that is not a whole number from 0, naming the variable", () => {
    for (const value of ["-1", "2.5", "three", "10000001"]) {
      expect(() => parseConfig({ UNVERIFIED_WORKFLOW_LIMIT: value })).toThrow(ConfigError);
      expect(() => parseConfig({ UNVERIFIED_WORKFLOW_LIMIT: value })).toThrow(/UNVERIFIED_WORKFLOW_LIMIT/);
    }
  });
});
