/**
 * Kedro: the drawing. Each pipeline source is a group (role `pipeline`); a namespace is a group inside it (one per
 * level of `a.b`), as Kedro-Viz draws modular pipelines. Each node is a step (role `node`, detail its function,
 * inputs and outputs its dataset names) labelled by its name without namespace; its id holds the full name.
 *
 * By default a dataset is an edge (kind data, labelled with the dataset's name) from each node that writes it to
 * each node that reads it, across groups; datasets nobody writes (raw data, `params:`) draw nothing. With
 * `datasets: true` (Kedro-Viz's view) every dataset is a node (kind and role `dataset`, role `parameters` for
 * `params:x` and `parameters`) with an edge from each writer and to each reader, placed in the innermost group
 * holding every node that touches it — except that a dataset nobody writes or nobody reads (a free input, a final
 * output, a parameter) sits outside namespace boxes, at their border, as in Kedro-Viz. A transcoded dataset (`X@pandas`, `X@spark`) is one dataset, `X`.
 * Inside a namespace, labels drop the namespace (Kedro-Viz shows `X_train` inside `active_modelling_pipeline`);
 * ids keep the full names.
 */
import type { Ctx } from "../context";
import { datasetBase, fullName, isParameter, nodeLabel, type KedroNode, type PipelineSource } from "./kedro-values";

/** `name` as read inside `namespace`: without the longest enclosing namespace it starts with. */
export function relativeName(name: string, namespace: string | null): string {
  const param = name.startsWith("params:");
  const bare = param ? name.slice("params:".length) : name;
  for (let ns = namespace; ns; ns = ns.includes(".") ? ns.slice(0, ns.lastIndexOf(".")) : null) {
    if (bare.startsWith(`${ns}.`)) return (param ? "params:" : "") + bare.slice(ns.length + 1);
  }
  return name;
}

export function drawKedro(ctx: Ctx, nodes: readonly KedroNode[]): void {
  const g = ctx.graph;
  const groupOf = new Map<PipelineSource, string>();
  const parentOf = new Map<string, string | null>();
  const namespaceOf = new Map<string, string>();
  const namespaceGroup = (groupId: string, namespace: string | null): string => {
    if (!namespace) return groupId;
    let parent = groupId;
    let path = "";
    for (const part of namespace.split(".")) {
      path = path ? `${path}.${part}` : part;
      const id = `${groupId}:${path}`;
      if (!g.has(id)) {
        g.addNode(id, { label: part, kind: "group", source: null, parent, role: "pipeline" });
        parentOf.set(id, parent);
        namespaceOf.set(id, path);
      }
      parent = id;
    }
    return parent;
  };

  const drawn: Array<{ id: string; node: KedroNode }> = [];
  for (const n of nodes) {
    const source = n.origin;
    if (!source) continue;
    let groupId = groupOf.get(source);
    if (!groupId) {
      groupId = g.uniqueId(`kedro:${source.label}`);
      g.addNode(groupId, { label: source.label, kind: "group", source: ctx.span(source.at), definition: source.definition, role: "pipeline" });
      groupOf.set(source, groupId);
      parentOf.set(groupId, null);
    }
    const parent = namespaceGroup(groupId, n.namespace);
    const id = g.uniqueId(`${groupId}:${fullName(n)}`);
    g.addNode(id, {
      label: nodeLabel(n),
      kind: "step",
      source: ctx.span(n.call),
      definition: n.definition,
      parent,
      role: "node",
      detail: n.func ?? undefined,
      inputs: n.inputs,
      outputs: n.outputs,
    });
    parentOf.set(id, parent);
    drawn.push({ id, node: n });
  }

  const writers = new Map<string, string[]>();
  const readers = new Map<string, string[]>();
  const note = (map: Map<string, string[]>, dataset: string, id: string): void => {
    const list = map.get(dataset) ?? [];
    if (!list.includes(id)) list.push(id);
    map.set(dataset, list);
  };
  for (const { id, node } of drawn) {
    for (const o of node.outputs) note(writers, datasetBase(o), id);
    for (const i of node.inputs) note(readers, datasetBase(i), id);
  }

  if (!ctx.options.datasets) {
    for (const { id, node } of drawn) {
      for (const input of node.inputs) {
        const dataset = datasetBase(input);
        const label = relativeName(dataset, node.namespace);
        for (const w of writers.get(dataset) ?? []) if (w !== id) g.addEdge(w, id, "data", { label });
      }
    }
    return;
  }

  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    for (let p = parentOf.get(id) ?? null; p; p = parentOf.get(p) ?? null) out.push(p);
    return out;
  };
  /** The innermost group that holds every node in `ids`. */
  const commonGroup = (ids: readonly string[]): string | null => {
    const [first, ...rest] = ids.map(ancestors);
    if (!first) return null;
    return first.find((a) => rest.every((chain) => chain.includes(a))) ?? null;
  };
  const datasets = [...new Set([...writers.keys(), ...readers.keys()])];
  for (const name of datasets) {
    const ws = writers.get(name) ?? [];
    const rs = readers.get(name) ?? [];
    const id = `kedro:dataset:${name}`;
    // A namespace's box holds the datasets written and read inside it; its free inputs and final outputs sit
    // outside, at its border (Kedro-Viz's modular pipelines).
    let parent = commonGroup([...ws, ...rs]);
    if (!ws.length || !rs.length) while (parent && namespaceOf.has(parent)) parent = parentOf.get(parent) ?? null;
    g.addNode(id, {
      label: relativeName(name, parent ? (namespaceOf.get(parent) ?? null) : null),
      kind: "dataset",
      source: null,
      parent,
      role: isParameter(name) ? "parameters" : "dataset",
    });
    for (const w of ws) g.addEdge(w, id, "data");
    for (const r of rs) g.addEdge(id, r, "data");
  }
}
