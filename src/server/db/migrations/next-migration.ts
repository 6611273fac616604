import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgliteExtensions } from "../pglite-extensions";
import { applyMigrations } from "./apply";
import { NO_FILTERS, SCHEMA_PATH, openSchemaEngine, readSchemaFiles } from "./schema-engine";

/**
 * The SQL that takes a database from the existing migrations to `schema.prisma`:
 * replays the migrations on a scratch in-memory PGlite and diffs it against the schema.
 * Returns an empty string when nothing changed.
 */
export async function nextMigrationSql(schemaPath = SCHEMA_PATH): Promise<string> {
  const scratch = new PGlite({ extensions: pgliteExtensions });
  try {
    const factory = new PrismaPGlite(scratch);
    await applyMigrations(factory);
    const engine = await openSchemaEngine(factory, schemaPath);
    try {
      const files = await readSchemaFiles(schemaPath);
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: process.cwd() },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });
      const sql = result.stdout ?? "";
      const statements = sql.split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("--"));
      return statements.length === 0 ? "" : sql;
    } finally {
      engine.free();
    }
  } finally {
    await scratch.close();
  }
}
