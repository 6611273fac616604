/**
 * Kedro: the calls the evaluator understands — Kedro's `node`/`Node` and `pipeline`/`Pipeline` (also through
 * import aliases), the builtins that compose them (`sum`, `dict`, `list`), the dict and list methods that fill a
 * registry, and calls of the script's own functions (also `module.create_pipeline()` on a module pasted into the file).
 */
import type { SyntaxNode } from "@lezer/common";
import type { FunctionInfo } from "../module-index";
import { argList, callParts, dottedName, getArg, lastSegment, memberParts, unparen, type Arg } from "../syntax";
import { generatorArg, type Frame, type KedroEvaluator } from "./kedro-eval";
import { datasetMapping, mapNodes } from "./kedro-namespace";
import { NONE, UNKNOWN, addValues, datasetNames, iterItems, nodesOf, type KValue, type KedroNode } from "./kedro-values";

const KEDRO_NODE = new Set(["node", "Node"]);
const KEDRO_PIPELINE = new Set(["pipeline", "Pipeline"]);

/** Kedro's own constructors, also through imports (`from kedro.pipeline.modular_pipeline import pipeline as mp`). */
function kedroCallee(ev: KedroEvaluator, dotted: string): "node" | "pipeline" | null {
  const root = dotted.split(".")[0] ?? dotted;
  const imported = ev.ctx.index.importedAs.get(root);
  const full = imported ? imported + dotted.slice(root.length) : dotted;
  if (imported && !full.startsWith("kedro")) return null;
  const last = lastSegment(full);
  if (KEDRO_NODE.has(last)) return "node";
  if (KEDRO_PIPELINE.has(last)) return "pipeline";
  return null;
}

export function evalCall(ev: KedroEvaluator, node: SyntaxNode, frame: Frame): KValue {
  const parts = callParts(node);
  if (!parts) return UNKNOWN;
  const dotted = dottedName(ev.ctx.code, parts.callee);
  const generator = parts.args ? generatorArg(parts.args) : null;
  const args = generator ? [] : argList(ev.ctx.code, parts.args);
  if (dotted) {
    const kind = kedroCallee(ev, dotted);
    if (kind === "node") return makeNode(ev, node, args, frame);
    if (kind === "pipeline") return makePipeline(ev, args, frame);
    if (dotted === "sum") {
      const items = iterItems(generator ? ev.comprehension(generator, frame, false) : argValue(ev, args, 0, "iterable", frame));
      const start = argValue(ev, args, 1, "start", frame);
      let total: KValue = start.k === "unknown" ? { k: "pipe", nodes: [] } : start;
      for (const i of items ?? []) total = addValues(total, i);
      return total;
    }
    if (dotted === "dict") {
      const entries = new Map<string, KValue>();
      const base = argValue(ev, args, 0, undefined, frame);
      if (base.k === "dict") for (const [k, v] of base.entries) entries.set(k, v);
      for (const a of args) if (a.name) entries.set(a.name, ev.eval(a.value, frame));
      return { k: "dict", entries };
    }
    if (dotted === "list" || dotted === "tuple" || dotted === "set") {
      const items = iterItems(generator ? ev.comprehension(generator, frame, false) : argValue(ev, args, 0, undefined, frame));
      return items ? { k: "list", items } : UNKNOWN;
    }
    const fn = ev.topFunctions.get(dotted)?.at(-1);
    if (fn) return ev.callFunction(fn, args, frame);
  }
  const m = memberParts(ev.ctx.code, parts.callee);
  if (!m) return UNKNOWN;
  const moduleFn = moduleFunction(ev, m.object, m.property);
  if (moduleFn) return ev.callFunction(moduleFn, args, frame);
  const obj = ev.eval(m.object, frame);
  return method(ev, obj, m.property, args, frame);
}

function argValue(ev: KedroEvaluator, args: readonly Arg[], index: number, name: string | undefined, frame: Frame): KValue {
  const a = getArg(args, index, name);
  return a ? ev.eval(a, frame) : UNKNOWN;
}

function method(ev: KedroEvaluator, obj: KValue, property: string, args: readonly Arg[], frame: Frame): KValue {
  if (obj.k === "dict") {
    if (property === "values") return { k: "list", items: [...obj.entries.values()] };
    if (property === "keys") return { k: "list", items: [...obj.entries.keys()].map((v): KValue => ({ k: "str", v })) };
    if (property === "items") return { k: "list", items: [...obj.entries].map(([k, v]): KValue => ({ k: "list", items: [{ k: "str", v: k }, v] })) };
    if (property === "get") {
      const key = argValue(ev, args, 0, undefined, frame);
      return key.k === "str" ? (obj.entries.get(key.v) ?? argValue(ev, args, 1, undefined, frame)) : UNKNOWN;
    }
    if (property === "update") {
      const other = argValue(ev, args, 0, undefined, frame);
      if (other.k === "dict") for (const [k, v] of other.entries) obj.entries.set(k, v);
      for (const a of args) if (a.name) obj.entries.set(a.name, ev.eval(a.value, frame));
      return NONE;
    }
  }
  if (obj.k === "list") {
    if (property === "append") {
      obj.items.push(argValue(ev, args, 0, undefined, frame));
      return NONE;
    }
    if (property === "extend") {
      obj.items.push(...(iterItems(argValue(ev, args, 0, undefined, frame)) ?? []));
      return NONE;
    }
  }
  if ((obj.k === "pipe" || obj.k === "node") && property === "tag") return obj;
  return UNKNOWN;
}

/**
 * `module.create_pipeline()` on an imported module: the script's function of that name whose module marker names
 * that module (files pasted together), else the only one of that name if no marker says it is another module's.
 */
function moduleFunction(ev: KedroEvaluator, object: SyntaxNode, property: string): FunctionInfo | undefined {
  const name = dottedName(ev.ctx.code, object);
  const imported = name ? ev.ctx.index.importedAs.get(name.split(".")[0] ?? name) : undefined;
  const candidates = ev.topFunctions.get(property);
  if (!name || !imported || !candidates) return undefined;
  const modules = `${imported}${name.slice((name.split(".")[0] ?? name).length)}`.split(".").filter((p) => p !== "pipeline" && p !== "pipelines");
  const wanted = modules.at(-1);
  const marked = candidates.find((f) => wanted !== undefined && ev.moduleMarker?.(f) === wanted);
  if (marked) return marked;
  // The only function of that name, unless a header says it belongs to another module.
  const only = candidates.length === 1 ? candidates[0] : undefined;
  return only && !ev.moduleMarker?.(only) ? only : undefined;
}

function makeNode(ev: KedroEvaluator, call: SyntaxNode, args: readonly Arg[], frame: Frame): KValue {
  const code = ev.ctx.code;
  const func = getArg(args, 0, "func");
  let funcName: string | null = null;
  if (func) {
    const f = unparen(func);
    const inner = callParts(f) ? getArg(argList(code, callParts(f)?.args ?? null), 0) : null; // partial(fn, …)
    const d = dottedName(code, inner ?? f);
    funcName = d ? lastSegment(d) : null;
  }
  const name = argValue(ev, args, 3, "name", frame);
  const namespace = argValue(ev, args, -1, "namespace", frame);
  const node: KedroNode = {
    name: name.k === "str" ? name.v : null,
    func: funcName,
    namespace: namespace.k === "str" ? namespace.v : null,
    inputs: datasetNames(argValue(ev, args, 1, "inputs", frame)),
    outputs: datasetNames(argValue(ev, args, 2, "outputs", frame)),
    call,
    definition: funcName ? (ev.topFunctions.get(funcName)?.at(-1)?.definition ?? null) : null,
    origin: null,
  };
  return { k: "node", node };
}

function makePipeline(ev: KedroEvaluator, args: readonly Arg[], frame: Frame): KValue {
  const first = getArg(args, 0, "nodes") ?? getArg(args, -1, "pipe");
  const nodes = first ? nodesOf(ev.eval(first, frame)) : [];
  const namespace = argValue(ev, args, -1, "namespace", frame);
  const inputs = getArg(args, -1, "inputs");
  const outputs = getArg(args, -1, "outputs");
  const parameters = getArg(args, -1, "parameters");
  const ns = namespace.k === "str" ? namespace.v : null;
  if (!ns && !inputs && !outputs && !parameters) return { k: "pipe", nodes };
  const names = datasetMapping(inputs ? ev.eval(inputs, frame) : null);
  datasetMapping(outputs ? ev.eval(outputs, frame) : null, names);
  datasetMapping(parameters ? ev.eval(parameters, frame) : null, names, true);
  const prefix = getArg(args, -1, "prefix_datasets_with_namespace");
  const prefixDatasets = !prefix || ev.ctx.text(unparen(prefix)) !== "False";
  return { k: "pipe", nodes: mapNodes(nodes, { namespace: ns, names, prefixDatasets }) };
}
