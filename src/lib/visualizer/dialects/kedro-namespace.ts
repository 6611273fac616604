/**
 * Kedro's `pipeline(other, namespace=…, inputs=…, outputs=…, parameters=…)`: a copy of `other`'s nodes with their
 * dataset names rewritten by Kedro's own rules (kedro.pipeline.Pipeline, docs.kedro.org "Reuse pipelines and group
 * nodes with namespaces"), first match wins:
 * 1. a name given in `inputs`/`outputs`/`parameters` becomes what it is mapped to (a string or set maps it to itself);
 * 2. `parameters` (all parameters) stays as is;
 * 3. a transcoded name whose base is mapped keeps its `@suffix` on the new base;
 * 4. with a namespace, `params:x` becomes `params:<ns>.x`;
 * 5. with a namespace, any other dataset becomes `<ns>.name`.
 * Node names are prefixed too: a node's namespace becomes `<ns>` (or `<ns>.<its own namespace>`).
 * `prefix_datasets_with_namespace=False` (Kedro 1.x) keeps rules 4 and 5 from applying: only node names change.
 */
import { type KValue, type KedroNode } from "./kedro-values";

export interface PipelineMapping {
  namespace: string | null;
  /** Old name → new name, from `inputs`, `outputs` and `parameters` (parameters with their `params:` prefix). */
  names: Map<string, string>;
  prefixDatasets: boolean;
}

/** `inputs=`/`outputs=` as a mapping: a string or a set of strings map to themselves, a dict maps its keys. */
export function datasetMapping(v: KValue | null, out = new Map<string, string>(), params = false): Map<string, string> {
  if (!v) return out;
  const norm = (s: string): string => (!params || s === "parameters" || s.startsWith("params:") ? s : `params:${s}`);
  if (v.k === "str") out.set(norm(v.v), norm(v.v));
  else if (v.k === "list") for (const i of v.items) if (i.k === "str") out.set(norm(i.v), norm(i.v));
  if (v.k === "dict") for (const [key, value] of v.entries) if (value.k === "str") out.set(norm(key), norm(value.v));
  return out;
}

export function renameDataset(name: string, m: PipelineMapping): string {
  const mapped = m.names.get(name);
  if (mapped !== undefined) return mapped;
  if (name === "parameters") return name;
  const at = name.indexOf("@");
  if (at >= 0) {
    const base = m.names.get(name.slice(0, at));
    if (base !== undefined) return `${base}${name.slice(at)}`;
  }
  if (!m.namespace || !m.prefixDatasets) return name;
  if (name.startsWith("params:")) return `params:${m.namespace}.${name.slice("params:".length)}`;
  return `${m.namespace}.${name}`;
}

/** New nodes: `nodes` as the mapped pipeline holds them. */
export function mapNodes(nodes: readonly KedroNode[], m: PipelineMapping): KedroNode[] {
  return nodes.map((n) => ({
    ...n,
    namespace: m.namespace ? (n.namespace ? `${m.namespace}.${n.namespace}` : m.namespace) : n.namespace,
    inputs: n.inputs.map((d) => renameDataset(d, m)),
    outputs: n.outputs.map((d) => renameDataset(d, m)),
  }));
}
