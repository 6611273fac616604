/**
 * Dagster ops, graphs and jobs (docs.dagster.io/guides/build/ops, /guides/build/graphs, /guides/build/jobs): every
 * `@job` (and every `@graph` no job calls) is a group of the `@op` calls in its body. A graph called from a job or a
 * graph is a group inside it. Nodes are named as Dagster names them: the first call of `add_one` is `add_one`, the
 * next ones `add_one_2`, `add_one_3`; `.alias("name")` names one call; `.with_hooks(…)`, `.tag(…)`,
 * `.with_retry_policy(…)` keep the name. Dynamic outputs: `items.map(op)` (or a lambda) is one node marked many,
 * `.collect()` passes the mapped results on. `graph.to_job(name=…)` at module level is a job group holding the
 * graph's ops.
 */
import type { Ctx } from "../context";
import { argList, assignParts, callParts, dictEntries, getArg, memberParts, stringValue } from "../syntax";
import { Composer, StepTable, decoratorIs, type StepDef, type TaskflowSpec } from "./taskflow";

/** Dagster passes these to an op as something other than an input. */
const NOT_INPUTS = new Set(["context", "_context", "_", "config", "self"]);

export const DAGSTER_OPS: TaskflowSpec = {
  dialect: "dagster",
  containers: ["job", "graph"],
  steps: ["op"],
  stepRole: "op",
  containerRole: (def, nested) => (nested || !def.decorator || !decoratorIs(def.decorator, ["job"]) ? "graph" : "job"),
  numberRepeats: true,
  callMethods: new Set<string>(),
  mapMethods: new Set<string>(),
  renameMethods: new Map([
    ["alias", [0, "name"] as const],
    ["with_hooks", [-1, ""] as const],
    ["tag", [-1, ""] as const],
    ["with_retry_policy", [-1, ""] as const],
    ["configured", [1, "name"] as const],
  ]),
  orderArgs: new Set<string>(),
  isInput: (name, annotation) =>
    !NOT_INPUTS.has(name) && !/Context\b|Resource|\bConfig$/.test(annotation) && !annotation.startsWith("ResourceParam"),
  declared(ctx, def, what) {
    const arg = def.decorator?.args ? getArg(def.decorator.args, -1, what) : null;
    const entries = arg ? dictEntries(arg) : null;
    return (entries ?? []).map((e) => stringValue(ctx.code, e.key)).filter((k): k is string => k !== null);
  },
};

/** Draws the jobs and graphs of a module. */
export function extractDagsterOps(ctx: Ctx): void {
  const table = new StepTable(ctx, DAGSTER_OPS);
  if (!table.containers.length) return;
  new Composer(ctx, table).drawAll((composer) => {
    // `nightly = etl_graph.to_job(name="nightly_etl")`: a job built from a graph, named as Dagster names it.
    for (const stmt of ctx.index.topStatements) {
      if (stmt.name !== "AssignStatement") continue;
      const value = assignParts(stmt).values[0];
      const call = value ? callParts(value) : null;
      const m = call ? memberParts(ctx.code, call.callee) : null;
      if (!call || m?.property !== "to_job" || m.object.name !== "VariableName") continue;
      const graph: StepDef | undefined = table.byName.get(ctx.text(m.object))?.def;
      if (!graph?.container) continue;
      const nameArg = getArg(argList(ctx.code, call.args), -1, "name");
      const label = (nameArg && stringValue(ctx.code, nameArg)) ?? graph.name;
      composer.drawRoot(graph, label, "job", stmt);
    }
  });
}
