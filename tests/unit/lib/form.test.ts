import { describe, expect, it } from "vitest";
import { registerInput } from "../../../src/lib/validation/auth";
import { parseForm, serverFieldMessages } from "../../../src/lib/validation/form";

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
}

describe("form helpers", () => {
  it("validate with the server's schema and give one message per field", () => {
    const bad = parseForm(registerInput, form({ email: "not an email", password: "short" }), ["email", "password"]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fields).sort()).toEqual(["email", "password"]);
    const good = parseForm(registerInput, form({ email: " Ada@Example.com ", password: "correct horse battery" }), ["email", "password"]);
    expect(good).toEqual({ ok: true, data: { email: "ada@example.com", password: "correct horse battery" } });
  });

  it("read the first server message of each field", () => {
    expect(serverFieldMessages({ data: { fields: { email: ["taken", "other"] } } })).toEqual({ email: "taken" });
    expect(serverFieldMessages(new Error("x"))).toEqual({});
  });
});
