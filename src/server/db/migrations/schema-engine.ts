/**
 * Prisma's WebAssembly schema engine, loaded without Node flags.
 * Its API is internal to Prisma, hence the exact pin in package.json (docs/decisions/002-…).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

export type { SchemaEngine };

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

let modulePromise: Promise<EngineModule> | undefined;

function loadEngineModule(): Promise<EngineModule> {
  modulePromise ??= (async () => {
    const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as EngineModule;
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return modulePromise;
}

export const SCHEMA_PATH = path.resolve("prisma", "schema.prisma");

export async function readSchemaFiles(schemaPath = SCHEMA_PATH) {
  return [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }];
}

/** Opens the engine on a database reached through a Prisma driver adapter factory. */
export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schemaPath = SCHEMA_PATH,
): Promise<SchemaEngine> {
  const bg = await loadEngineModule();
  const files = await readSchemaFiles(schemaPath);
  const engine = await bg.SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content] as [string, string]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  return engine as unknown as SchemaEngine;
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
