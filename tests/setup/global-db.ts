/**
 * Prepares one migrated template database for the whole run; each test file copies it (tests/helpers/db.ts).
 * Embedded (default): a migrated in-memory PGlite dumped to a tarball.
 * Server (TEST_DATABASE_URL=postgresql://…/any): a template database on that server, dropped at the end.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "../../src/server/db/migrations/apply";
import { pgliteExtensions } from "../../src/server/db/pglite-extensions";
import { adminQuery, databaseUrl, dropDatabase, runId } from "../../scripts/lib/postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { kind: "pglite"; templateFile: string } | { kind: "postgres"; serverUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `ws_test_${runId()}_tmpl`;
    await adminQuery(serverUrl, `CREATE DATABASE "${template}"`);
    const { PrismaPg } = await import("@prisma/adapter-pg");
    await applyMigrations(new PrismaPg({ connectionString: databaseUrl(serverUrl, template), max: 1 }));
    // The schema engine keeps its connection open; a template must have none to be copied.
    await adminQuery(serverUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${template}'`);
    project.provide("testDb", { kind: "postgres", serverUrl, template });
    process.stdout.write(`Test databases: PostgreSQL server, copies of template ${template}\n`);
    return async () => {
      await dropDatabase(serverUrl, template);
    };
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), "ws-test-db-"));
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  await applyMigrations(new PrismaPGlite(pglite));
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  const templateFile = path.join(dir, "template.tar");
  await writeFile(templateFile, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDb", { kind: "pglite", templateFile });
  process.stdout.write("Test databases: embedded PGlite, copies of a migrated template\n");
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
