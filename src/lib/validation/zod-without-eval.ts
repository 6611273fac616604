/**
 * The pages' CSP allows no eval (docs/decisions/042). zod compiles object parsers with `new Function` when it may,
 * and probes for it first; in the browser each probe is reported as a CSP violation. `zodWithoutEval()` sets zod's
 * `jitless` option before any parse, without importing zod (which would add ~5 kB gzip to every page): zod keeps its
 * global settings in `globalThis.__zod_globalConfig`, the object `z.config()` reads and writes, and creates it only
 * when it is missing, so this works whichever module loads first (tests/unit/lib/zod-without-eval.test.ts checks it
 * against the installed zod).
 */
type ZodGlobal = { __zod_globalConfig?: { jitless?: boolean } };

export function zodWithoutEval(): void {
  const holder = globalThis as unknown as ZodGlobal;
  (holder.__zod_globalConfig ??= {}).jitless = true;
}
