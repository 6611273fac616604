/**
 * Kedro: the name each pipeline group is drawn under. Several `create_pipeline(**kwargs)` of different modules may
 * sit in one pasted file; each is its own group, named (first that applies):
 * 1. by the key it is registered under in `register_pipelines()` (`"data_processing": dp.create_pipeline()`);
 * 2. for a function named `create_pipeline`, by the module it comes from, as `find_pipelines()` would register it:
 *    the nearest line above the function (after any earlier `create_pipeline`) naming `pipelines/<name>` or
 *    `pipelines.<name>` (links aside) — a pasted file's header comment or an import — or Kedro's template docstring
 *    "boilerplate pipeline '<name>'";
 * 3. by the function's or the module-level variable's own name.
 */
import type { Ctx } from "../context";
import type { FunctionInfo } from "../module-index";
import { nodesOf, type KValue, type KedroNode, type PipelineSource } from "./kedro-values";

const MODULE_PATTERNS = [/(?:^|[^\w])pipelines[/.](\w+)/, /\bpipeline '(\w+)'/];

/** The module a function comes from in a file of several modules pasted together, if a line above it says. */
export function moduleMarker(ctx: Ctx, fn: FunctionInfo, sameName: readonly FunctionInfo[]): string | null {
  const i = sameName.indexOf(fn);
  const previous = i > 0 ? sameName[i - 1] : undefined;
  const lines = ctx.code.slice(previous ? previous.declaration.to : 0, fn.declaration.from).split("\n");
  for (let l = lines.length - 1; l >= 0; l--) {
    const line = lines[l] ?? "";
    if (line.includes("://")) continue; // a documentation link, not a module path
    for (const re of MODULE_PATTERNS) {
      const m = re.exec(line);
      if (m?.[1]) return m[1];
    }
  }
  return null;
}

/**
 * Names the sources of the drawn nodes; nodes that came from no source (built inline in the registry or in a
 * module-level expression) get one named after their registry key, else "pipeline".
 */
export function nameSources(
  registry: KValue | null,
  functionSources: ReadonlyMap<FunctionInfo, PipelineSource>,
  marker: (fn: FunctionInfo) => string | null,
  drawn: readonly KedroNode[],
  fallbackAt: PipelineSource["at"],
): void {
  const named = new Set<PipelineSource>();
  if (registry?.k === "dict") {
    for (const [key, value] of registry.entries) {
      if (key === "__default__") continue;
      const nodes = nodesOf(value);
      const origins = new Set(nodes.map((n) => n.origin));
      const [only] = origins;
      if (origins.size !== 1) continue;
      if (only && !named.has(only)) {
        only.label = key;
        named.add(only);
      } else if (only === null && nodes.length) {
        const source: PipelineSource = { name: key, label: key, at: fallbackAt, definition: null, consumed: false };
        for (const n of nodes) n.origin = source;
        named.add(source);
      }
    }
  }
  for (const [fn, source] of functionSources) {
    if (named.has(source) || fn.name !== "create_pipeline") continue;
    const moduleName = marker(fn);
    if (moduleName) source.label = moduleName;
  }
  let fallback: PipelineSource | null = null;
  for (const n of drawn) {
    if (n.origin) continue;
    fallback ??= { name: "pipeline", label: "pipeline", at: fallbackAt, definition: null, consumed: false };
    n.origin = fallback;
  }
}
