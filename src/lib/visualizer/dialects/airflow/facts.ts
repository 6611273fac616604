/**
 * What Airflow knows about a value beyond the tasks it holds, kept in the shared `Value`'s `ext` slot: a DAG
 * object, a `Label("…")` edge modifier, or Datasets/Assets. The shared walker carries the slot along with the value
 * (assignments, lists, parameters); only the Airflow reader reads it.
 */
import type { Value } from "../../dataflow";

/** A Dataset or Asset (or an alias of one), by the key Airflow matches producers and consumers on. */
export interface DatasetRef {
  /** The URI (Dataset) or name (Asset): one node per key. */
  key: string;
  kind: "Dataset" | "Asset" | "DatasetAlias" | "AssetAlias";
}

export interface AirflowFacts {
  /** A DAG object (`DAG(…)`, `with DAG(…) as dag`): the id of its group node. */
  dag?: string;
  /** A `Label("…")` edge modifier… */
  label?: string;
  /** …and, once chained (`a >> Label("x")`), the tasks upstream of it. */
  labelFrom?: readonly string[];
  /** Datasets the value stands for: one, or several joined with `|` / `&`. */
  datasets?: readonly DatasetRef[];
}

export function factsOf(v: Value | undefined): AirflowFacts | undefined {
  const ext = v?.ext;
  return ext && typeof ext === "object" ? (ext as AirflowFacts) : undefined;
}

export function withFacts(facts: AirflowFacts, refs: readonly string[] = []): Value {
  return { refs, ext: facts };
}

/** Every dataset a value holds: its own, and those of its items (`outlets=[a, b]`), in order, once each. */
export function datasetsOf(v: Value, depth = 0): DatasetRef[] {
  const out: DatasetRef[] = [];
  const own = factsOf(v)?.datasets;
  if (own) out.push(...own);
  if (depth < 4) {
    for (const item of v.items ?? []) out.push(...datasetsOf(item, depth + 1));
    for (const e of v.entries ?? []) out.push(...datasetsOf(e.value, depth + 1));
  }
  const seen = new Set<string>();
  return out.filter((d) => !seen.has(d.key) && seen.add(d.key));
}
