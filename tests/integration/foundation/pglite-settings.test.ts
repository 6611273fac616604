/**
 * The embedded database's PostgreSQL settings (issue 13, PGlite's memory): a 32 MB buffer pool instead of 128 MB, and
 * PGlite's own start parameters still in force (ours are added to them; given alone they would replace them).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openPglite } from "../../../src/server/db/client";

let db: Database;
beforeAll(async () => {
  db = await openPglite(undefined);
}, 120_000); // initdb: seconds on a quiet machine, far more on a loaded one
afterAll(async () => {
  await db.close();
});

async function setting(name: string): Promise<string> {
  const rows = await db.queryRows<Record<string, string>>({ text: `SHOW ${name}`, values: [] });
  return Object.values(rows[0]!)[0]!;
}

describe("the embedded database's settings", () => {
  it("keeps a 32 MB buffer pool", async () => {
    expect(await setting("shared_buffers")).toBe("32MB");
  });

  it("keeps PGlite's own start parameters", async () => {
    expect(await setting("search_path")).toBe("public");
    expect(await setting("max_worker_processes")).toBe("0");
    expect(await setting("max_parallel_workers_per_gather")).toBe("0");
  });

  it("answers through Prisma and straight through the driver alike", async () => {
    const [viaPrisma] = await db.prisma.$queryRaw<{ n: number }[]>`SELECT 41 + 1 AS n`;
    const [direct] = await db.queryRows<{ n: number }>({ text: "SELECT $1::int + 1 AS n", values: [41] });
    expect(direct).toEqual(viaPrisma);
  });
});
