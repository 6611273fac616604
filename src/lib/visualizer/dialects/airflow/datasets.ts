/**
 * Data-aware scheduling (https://airflow.apache.org/docs/apache-airflow/stable/authoring-and-scheduling/datasets.html):
 * `Dataset("s3://…")`, `Asset("name")` and their aliases are dataset nodes, one per URI or name. A task's
 * `outlets=[…]` draw task → dataset, its `inlets=[…]` dataset → task (both data edges); a DAG's `schedule=[…]`
 * (also `ds1 | ds2`, `ds1 & ds2`, `DatasetOrTimeSchedule(…)`) draws dataset → DAG (a flow edge: an update of the
 * dataset starts a run of the DAG).
 */
import type { SyntaxNode } from "@lezer/common";
import type { Value } from "../../dataflow";
import { displayText } from "../../python-values";
import { addDependency } from "./dependencies";
import { datasetsOf, withFacts, type DatasetRef } from "./facts";
import type { EvaluatedArg } from "./functions";
import type { AirflowState } from "./state";

export const DATASET_CLASSES = new Set(["Dataset", "Asset", "DatasetAlias", "AssetAlias"]);
/** Schedules that combine datasets with a timetable: the datasets count. */
export const DATASET_SCHEDULES = new Set(["DatasetOrTimeSchedule", "AssetOrTimeSchedule"]);

function argText(args: readonly EvaluatedArg[], index: number, ...names: string[]): string | undefined {
  for (const n of names) {
    const a = args.find((x) => x.name === n);
    if (a) return displayText(a.value);
  }
  const pos = args.filter((a) => a.name === null && !a.star)[index];
  return pos ? displayText(pos.value) : undefined;
}

/** `Dataset(uri)`, `Asset(name, uri)`, `Asset(uri=…)`, `DatasetAlias(name)`: a value standing for one dataset. */
export function datasetValue(cls: string, args: readonly EvaluatedArg[]): Value | undefined {
  const kind = cls as DatasetRef["kind"];
  const key = cls === "Dataset" ? argText(args, 0, "uri") : cls === "Asset" ? (argText(args, 0, "name") ?? argText(args, 1, "uri")) : argText(args, 0, "name");
  return key ? withFacts({ datasets: [{ key, kind }] }) : undefined;
}

/** `a | b`, `a & b` of datasets: a schedule on any or all of them; the drawing shows each. */
export function combineDatasets(l: Value, r: Value): Value | undefined {
  const all = [...datasetsOf(l), ...datasetsOf(r)];
  return all.length ? withFacts({ datasets: all }) : undefined;
}

/** The datasets of a `DatasetOrTimeSchedule(timetable=…, datasets=…)`. */
export function scheduleValue(args: readonly EvaluatedArg[]): Value | undefined {
  const all = args.flatMap((a) => datasetsOf(a.value));
  return all.length ? withFacts({ datasets: all }) : undefined;
}

function datasetNode(state: AirflowState, ref: DatasetRef, at: SyntaxNode): string {
  const id = `airflow:dataset:${ref.key}`;
  state.graph.addNode(id, { label: ref.key, kind: "dataset", role: "dataset", detail: ref.kind, source: state.ctx.span(at), parent: null });
  return id;
}

/** Draws a task's outlets and inlets; returns their keys (the node's outputs and inputs). */
export function taskDatasets(state: AirflowState, task: string, outlets: Value | undefined, inlets: Value | undefined, at: SyntaxNode): { inputs: string[]; outputs: string[] } {
  const outputs: string[] = [];
  const inputs: string[] = [];
  for (const d of outlets ? datasetsOf(outlets) : []) {
    addDependency(state, task, datasetNode(state, d, at), "data", undefined, at);
    outputs.push(d.key);
  }
  for (const d of inlets ? datasetsOf(inlets) : []) {
    addDependency(state, datasetNode(state, d, at), task, "data", undefined, at);
    inputs.push(d.key);
  }
  return { inputs, outputs };
}

/** Draws the datasets that schedule a DAG; records them as the DAG node's inputs. */
export function scheduleDatasets(state: AirflowState, dagId: string, schedule: Value | undefined, at: SyntaxNode): void {
  if (!schedule) return;
  const refs = datasetsOf(schedule);
  if (!refs.length) return;
  for (const d of refs) addDependency(state, datasetNode(state, d, at), dagId, "flow", undefined, at);
  const node = state.graph.get(dagId);
  if (node) node.inputs = [...(node.inputs ?? []), ...refs.map((d) => d.key)];
}
