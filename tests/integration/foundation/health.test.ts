import { describe, expect, it } from "vitest";
import { openPglite, setDatabase } from "../../../src/server/db/client";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

const db = setupTestDatabase();
const baseUrl = setupTestServer();

describe("GET /api/health over HTTP", () => {
  it("says the database answers, which kind it is, and how many migrations it has", async () => {
    const response = await fetch(`${baseUrl()}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = await response.json();
    expect(body).toEqual({ status: "ok", database: db().kind, migrations: expect.any(Number) });
    const migrations = await db().prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM _prisma_migrations`;
    expect(body.migrations).toBe(migrations[0]!.n);
    expect(body.migrations).toBeGreaterThanOrEqual(1);
  });

  it("is also a tRPC query with the same report", async () => {
    const response = await fetch(`${baseUrl()}/api/trpc/system.health`);
    expect(response.status).toBe(200);
    expect((await response.json()).result.data).toMatchObject({ status: "ok", database: db().kind });
  });

  it("answers 503 in the same shape when the database cannot be reached", async () => {
    const gone = await openPglite(undefined);
    await gone.close();
    setDatabase(gone);
    try {
      const response = await fetch(`${baseUrl()}/api/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable", database: "pglite", migrations: 0 });
      const procedure = await fetch(`${baseUrl()}/api/trpc/workflow.list`, { headers: { authorization: "Bearer x" } });
      expect(procedure.status).toBeLessThan(500);
    } finally {
      setDatabase(db());
    }
  }, 120_000); // a second database opened (initdb): seconds on a quiet machine, far more on a loaded one
});
