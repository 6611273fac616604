/** The browser's zod setting without importing zod: it must be the very setting `z.config()` reads. */
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { zodWithoutEval } from "../../../src/lib/validation/zod-without-eval";

afterEach(() => {
  z.config({ jitless: false });
});

describe("zodWithoutEval", () => {
  it("turns on zod's jitless option, as z.config() sees it", () => {
    z.config({ jitless: false });
    expect(z.config().jitless).toBe(false);
    zodWithoutEval();
    expect(z.config().jitless).toBe(true);
  });

  it("so object parsing never probes for `new Function`", () => {
    zodWithoutEval();
    const original = globalThis.Function;
    let probed = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        probed++;
        return Reflect.construct(target, args);
      },
    });
    try {
      const schema = z.object({ a: z.string(), b: z.number() });
      for (let i = 0; i < 3; i++) expect(schema.parse({ a: "x", b: i })).toEqual({ a: "x", b: i });
    } finally {
      globalThis.Function = original;
    }
    expect(probed).toBe(0);
  });
});
