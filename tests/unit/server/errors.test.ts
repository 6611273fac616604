import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../../../src/server/errors/app-error";
import { isDatabaseUnavailable, toAppError } from "../../../src/server/errors/classify";

describe("errors safe to show", () => {
  it("hides what an unexpected error says", () => {
    const error = toAppError(new Error('relation "users" does not exist at /srv/app.ts:12'));
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.message).not.toMatch(/users|srv|relation/);
  });

  it("lists validation failures by field", () => {
    const result = z.object({ name: z.string().min(1), age: z.number() }).safeParse({ name: "", age: "x" });
    const error = toAppError(result.error);
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.extra.fields ?? {}).sort()).toEqual(["age", "name"]);
  });

  it("tells an unreachable database apart from a bad query", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5999"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: refused }))).toBe(true);
    expect(toAppError(refused).status).toBe(503);
    expect(isDatabaseUnavailable(new Error("syntax error at or near SELEC"))).toBe(false);
  });

  it("keeps an AppError as it is", () => {
    const error = new AppError("CONFLICT", "Changed elsewhere.");
    expect(toAppError(error)).toBe(error);
    expect(error.status).toBe(409);
  });
});

describe("database errors as Prisma wraps them", () => {
  it("finds an unreachable database behind Prisma's driver-adapter error", () => {
    const wrapped = Object.assign(new Error("Raw query failed."), {
      code: "P2010",
      meta: { driverAdapterError: Object.assign(new Error("adapter"), { cause: { kind: "DatabaseNotReachable" } }) },
    });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("Raw query failed."), { code: "P2010", meta: {} }))).toBe(false);
  });
});
