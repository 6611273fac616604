import { describe, expect, it } from "vitest";
import { transformer } from "../../../src/lib/transformer";

describe("transformer", () => {
  it("leaves plain JSON as it is, so error bodies keep the one shape on the wire", () => {
    const body = { code: "NOT_FOUND", message: "No such workflow.", requestId: "r1" };
    expect(transformer.serialize(body)).toEqual(body);
    expect(transformer.deserialize(body)).toEqual(body);
  });

  it("round-trips dates and other values JSON cannot hold", () => {
    const value = { updatedAt: new Date("2026-11-25T10:00:00Z"), tags: new Set(["a"]), big: 10n };
    const wire = JSON.parse(JSON.stringify(transformer.serialize(value)));
    expect(transformer.deserialize(wire)).toEqual(value);
  });
});
