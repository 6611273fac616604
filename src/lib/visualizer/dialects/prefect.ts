/**
 * Prefect: every `@flow` is a group of the `@task` calls in its body (docs.prefect.io/v3/develop/write-flows,
 * /write-tasks). A flow called from another flow is a subflow: a group inside its caller holding its own tasks, once
 * per call. `.submit()` is a call whose future carries the result (`f.result()` too), `.map()` is one node marked
 * many, `wait_for=[…]` draws flow edges (docs.prefect.io/v3/develop/task-runners), and `with_options(name=…)` renames.
 * Names are the decorator's `name=` when given, the function's otherwise.
 */
import type { Ctx } from "../context";
import { Composer, StepTable, type TaskflowSpec } from "./taskflow";

export const PREFECT: TaskflowSpec = {
  dialect: "prefect",
  containers: ["flow"],
  steps: ["task"],
  stepRole: "task",
  containerRole: () => "flow",
  numberRepeats: false,
  callMethods: new Set(["submit", "fn", "__call__", "delay"]),
  mapMethods: new Set(["map"]),
  renameMethods: new Map([["with_options", [-1, "name"] as const]]),
  orderArgs: new Set(["wait_for"]),
  isInput: (name) => name !== "self" && name !== "cls",
};

export function extractPrefect(ctx: Ctx): void {
  new Composer(ctx, new StepTable(ctx, PREFECT)).drawAll();
}
