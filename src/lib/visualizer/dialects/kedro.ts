/**
 * Kedro (docs.kedro.org: nodes, pipelines, namespaces, the pipeline registry). The script's pipelines are
 * evaluated (kedro-eval.ts): `node`/`Node`, `pipeline`/`Pipeline` with positional or keyword arguments, `+`,
 * `sum(…)`, `pipeline(other, namespace=…, inputs=…, outputs=…, parameters=…)` (kedro-namespace.ts), and the
 * script's own functions. What is drawn is every pipeline nobody else uses: `register_pipelines()`'s, and those of
 * functions and module-level variables no other pipeline reads. Each node is drawn once, in the group of the
 * pipeline it comes from (kedro-groups.ts); datasets become edges or, on request, nodes (kedro-draw.ts).
 */
import type { Ctx } from "../context";
import { drawKedro } from "./kedro-draw";
import { KedroEvaluator } from "./kedro-eval";
import { moduleMarker, nameSources } from "./kedro-groups";
import { nodesOf, type KValue, type KedroNode } from "./kedro-values";

/** A function worth reading on its own: its body mentions pipelines or nodes. */
const BUILDS_PIPELINES = /[pP]ipeline|\b[nN]ode\s*\(/;

export function extractKedro(ctx: Ctx): void {
  const ev = new KedroEvaluator(ctx);
  const markers = new Map<object, string | null>();
  const marker = (fn: Parameters<typeof moduleMarker>[1]): string | null => {
    if (!markers.has(fn)) markers.set(fn, moduleMarker(ctx, fn, ev.topFunctions.get(fn.name) ?? []));
    return markers.get(fn) ?? null;
  };
  ev.moduleMarker = marker;
  ev.runModule();

  const roots: Array<{ at: number; value: KValue; consumed: () => boolean }> = [];
  let registry: KValue | null = null;
  for (const fn of ctx.index.allFunctions) {
    if (!fn.topLevel || !fn.body || !BUILDS_PIPELINES.test(ctx.code.slice(fn.body.from, fn.body.to))) continue;
    const value = ev.callFunction(fn, [], null);
    if (fn.name === "register_pipelines") registry = value;
    const source = fn.name === "register_pipelines" ? null : ev.sourceOf(fn);
    roots.push({ at: fn.declaration.from, value, consumed: () => source?.consumed ?? false });
  }
  for (const [name, source] of ev.variableSources) {
    const value = ev.module.vars.get(name);
    if (value) roots.push({ at: source.at.from, value, consumed: () => source.consumed });
  }
  for (const value of ev.looseValues) roots.push({ at: nodesOf(value)[0]?.call.from ?? 0, value, consumed: () => false });
  roots.sort((a, b) => a.at - b.at);

  const drawn: KedroNode[] = [];
  const seen = new Set<KedroNode>();
  for (const r of roots) if (!r.consumed()) nodesOf(r.value, drawn, seen);
  nameSources(registry, ev.functionSources, marker, drawn, ctx.tree.topNode);
  drawKedro(ctx, drawn);
}
