/** Any input to any procedure answers a result or a 4xx app error, never a 5xx, and leaves nothing half-written. */
import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { appErrorOf } from "../../../src/server/api/trpc";
import { callerFor, createUser } from "../../helpers/callers";
import { setupTestDatabase } from "../../helpers/db";

const db = setupTestDatabase();

const anyValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.record({ name: fc.string({ unit: "binary", maxLength: 120 }), code: fc.string({ unit: "binary", maxLength: 300 }) }),
  fc.record({
    id: fc.oneof(fc.uuid(), fc.string()),
    name: fc.string({ maxLength: 120 }),
    code: fc.string({ maxLength: 100 }),
    expectedVersion: fc.oneof(fc.integer(), fc.double(), fc.constant(1)),
  }),
  fc.record({ cursor: fc.string(), limit: fc.oneof(fc.integer(), fc.string()), q: fc.string(), sort: fc.string() }, { requiredKeys: [] }),
);

const PROCEDURES = ["save", "create", "update", "list", "get", "graph", "rename", "duplicate", "delete"] as const;

describe("every workflow procedure under arbitrary input", () => {
  it("answers 2xx or 4xx in the one shape and keeps the stored rows whole", async () => {
    const user = await createUser(db());
    const api = callerFor(db(), user);
    const seed = await api.workflow.save({ name: "seed", code: "print('seed')" });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROCEDURES), anyValue, async (procedure, input) => {
        try {
          await (api.workflow[procedure] as (input: unknown) => Promise<unknown>)(input);
        } catch (error) {
          expect(error).toBeInstanceOf(TRPCError);
          const appError = appErrorOf(error as TRPCError);
          expect(appError.status, `${procedure}(${JSON.stringify(input)}) → ${appError.code}`).toBeGreaterThanOrEqual(400);
          expect(appError.status).toBeLessThan(500);
        }
      }),
      { numRuns: 300, seed: 20261125 },
    );
    const rows = await db().prisma.workflow.findMany({ where: { ownerId: user.id } });
    for (const row of rows) {
      expect(row.name.trim()).toBe(row.name);
      expect(row.name.length).toBeGreaterThan(0);
      expect(row.codeBytes).toBe(Buffer.byteLength(row.code, "utf8"));
      expect(row.version).toBeGreaterThanOrEqual(1);
    }
    expect(rows.some((r) => r.id === seed.id)).toBe(true);
  });
});
