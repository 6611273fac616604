/**
 * Prisma's interactive-transaction errors (P2028) from the real client on the test database: a transaction that ran
 * out of time waiting is the database being unavailable (503 in the one shape, with Retry-After — what a hung
 * PostgreSQL gives `workflow.save`, tests/system/faults-postgres-down.test.ts); a transaction used after its commit is
 * our bug and stays a 500 that says nothing of it.
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { anyAppError } from "../../../src/server/errors/trpc-error";
import { setupTestDatabase } from "../../helpers/db";

const db = setupTestDatabase();

async function thrownBy(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/** As the tRPC error formatter sees an error a procedure threw. */
const throughTrpc = (cause: unknown) => anyAppError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause }));

describe("transactions that run out of time", () => {
  it("answers 503 with Retry-After for a transaction past its timeout", async () => {
    const error = await thrownBy(() =>
      db().prisma.$transaction(
        async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.$queryRaw`SELECT 1`;
        },
        { timeout: 20 },
      ),
    );
    expect((error as { code?: string }).code).toBe("P2028");
    const appError = throughTrpc(error);
    expect({ code: appError.code, status: appError.status }).toEqual({ code: "SERVICE_UNAVAILABLE", status: 503 });
    expect(appError.extra.headers).toEqual({ "Retry-After": "5" });
    expect(appError.message).not.toMatch(/transaction|prisma/i);
  });

  it("keeps a transaction used after its commit a 500 (a bug, not an outage)", async () => {
    let kept: Parameters<Parameters<ReturnType<typeof db>["prisma"]["$transaction"]>[0]>[0] | undefined;
    await db().prisma.$transaction(async (tx) => {
      kept = tx;
    });
    const error = await thrownBy(() => kept!.$queryRaw`SELECT 1`);
    expect((error as { code?: string }).code).toBe("P2028");
    const appError = throughTrpc(error);
    expect({ code: appError.code, status: appError.status }).toEqual({ code: "INTERNAL_SERVER_ERROR", status: 500 });
    expect(appError.message).not.toMatch(/transaction|prisma|commit/i);
  });
});
