import { describe, expect, it } from "vitest";
import { type KeptVersion, versionsToPrune } from "../../../src/server/workflows/retention";

const DAY = 86_400_000;
const NOW = new Date("2026-06-30T12:00:00Z");

function at(version: number, daysAgo: number, hour = 0): KeptVersion {
  const midnight = Math.floor(NOW.getTime() / DAY) * DAY;
  return { id: `v${version}`, version, savedAt: new Date(midnight - daysAgo * DAY + hour * 3_600_000) };
}

describe("versionsToPrune", () => {
  const policy = { maxVersions: 200, fullDays: 30 };

  it("keeps every version of the last 30 days", () => {
    const versions = Array.from({ length: 50 }, (_, i) => at(i + 1, Math.floor(i / 5), i % 5));
    expect(versionsToPrune(versions, NOW, policy)).toEqual([]);
  });

  it("keeps only the newest version of each UTC day before that, whatever order they come in", () => {
    const versions = [at(1, 45, 1), at(2, 45, 3), at(3, 45, 23), at(4, 44, 0), at(5, 31, 2), at(6, 31, 5), at(7, 2)];
    expect(versionsToPrune(versions.reverse(), NOW, policy).sort()).toEqual(["v1", "v2", "v5"]);
  });

  it("caps the count, dropping the oldest first", () => {
    const versions = Array.from({ length: 10 }, (_, i) => at(i + 1, 0, i));
    expect(versionsToPrune(versions, NOW, { maxVersions: 4, fullDays: 30 }).sort()).toEqual(["v1", "v2", "v3", "v4", "v5", "v6"]);
  });

  it("honours a shorter window", () => {
    expect(versionsToPrune([at(1, 3, 1), at(2, 3, 2), at(3, 1, 1), at(4, 1, 2)], NOW, { maxVersions: 200, fullDays: 2 })).toEqual(["v1"]);
  });
});
