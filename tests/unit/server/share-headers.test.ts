/** The shared page and the shared read of the API carry the same no-referrer and noindex headers (decision 090). */
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- next.config.mjs is plain JavaScript without type declarations
import untypedConfig from "../../../next.config.mjs";
import { SHARED_HEADERS } from "../../../src/server/shares/shared";
import { isSharedPage } from "../../../src/server/shares/page-gate";

describe("shared-link headers", () => {
  it("gives /s/:token the API's shared headers, after (so over) the general Referrer-Policy", async () => {
    const rules = await (untypedConfig as NextConfig).headers!();
    const general = rules.findIndex((rule) => rule.source === "/:path*");
    const shared = rules.findIndex((rule) => rule.source === "/s/:path*");
    expect(shared).toBeGreaterThan(general);
    expect(Object.fromEntries(rules[shared]!.headers.map((h) => [h.key, h.value]))).toEqual(SHARED_HEADERS);
    expect(SHARED_HEADERS["Referrer-Policy"]).toBe("no-referrer");
    expect(SHARED_HEADERS["X-Robots-Tag"]).toMatch(/noindex/);
  });

  it("counts the shared page and its server-component requests, nothing else", () => {
    for (const url of ["/s/abc", "/s/abc/", "/s/abc?_rsc=1x", "/s/a%20b"]) expect(isSharedPage(url), url).toBe(true);
    for (const url of ["/s", "/s/", "/s/abc/def", "/settings", "/api/shared/abc", "/sx/abc", "/dashboard?next=/s/abc"]) {
      expect(isSharedPage(url), url).toBe(false);
    }
  });
});
