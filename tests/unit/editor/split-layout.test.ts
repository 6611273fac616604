import { describe, expect, it } from "vitest";
import { formatSplit, MIN_CODE_PERCENT, MIN_GRAPH_PERCENT, parseSplit, SPLIT_COOKIE, splitCookie } from "~/components/editor/split-layout";

describe("the remembered code | graph split", () => {
  it("round-trips the code panel's share through the cookie", () => {
    expect(formatSplit({ code: 38.26, graph: 61.74 })).toBe("38.3");
    expect(parseSplit("38.3")).toEqual({ code: 38.3, graph: 61.7 });
    expect(splitCookie({ code: 60, graph: 40 })).toBe(`${SPLIT_COOKIE}=60; Path=/; Max-Age=31536000; SameSite=Lax`);
  });

  it("ignores a missing, malformed or out-of-range value (the default split is used)", () => {
    for (const value of [undefined, null, "", "abc", "-5", "1e2", "50;evil", " 50 %", "99.9999"]) expect(parseSplit(value)).toBeNull();
    expect(parseSplit(String(MIN_CODE_PERCENT - 1))).toBeNull();
    expect(parseSplit(String(100 - MIN_GRAPH_PERCENT + 1))).toBeNull();
    expect(parseSplit(String(MIN_CODE_PERCENT))).not.toBeNull();
    expect(splitCookie({ graph: 50 })).toBeNull();
    expect(splitCookie({ code: 95, graph: 5 })).toBeNull();
  });
});
