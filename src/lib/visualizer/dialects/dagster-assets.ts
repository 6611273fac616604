/**
 * Dagster software-defined assets, drawn as Dagster's asset graph draws them (docs.dagster.io/guides/build/assets):
 * one node per asset key, labelled with the key (`prefix/name` when `key_prefix` or `key=[…]` gives a path).
 *
 * - `@asset`: its upstream assets are its parameters (an asset of that name, or the key `ins={"p": AssetIn(…)}` maps
 *   it to) — data edges — and `deps=[…]` (`AssetKey([…])`, `"name"`, another asset, an `AssetSpec`, `AssetDep`) —
 *   flow edges: Dagster orders them but passes no value.
 * - `@multi_asset(outs={…})` / `specs=[AssetSpec(…)]`: one node per output (role `multi_asset`, the function as detail),
 *   each with the function's upstream assets (or its `internal_asset_deps` entry, or its spec's `deps`); the outputs
 *   are linked only through what they read (docs/decisions/024-dagster-multi-assets.md).
 * - `@graph_asset` is one node (role `graph_asset`), like Dagster's asset graph; `@graph_multi_asset` one per output.
 * - `AssetSpec(…)` / `SourceAsset(…)` anywhere else declares an external asset: a node (detail `AssetSpec`).
 * - `group_name=` puts assets in a group frame (role `asset_group`).
 * `define_asset_job`, `Definitions`, schedules and sensors select or deploy assets: they add nothing to the graph.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import type { FunctionInfo } from "../module-index";
import {
  argList,
  assignParts,
  callParts,
  dictEntries,
  dottedName,
  getArg,
  lastSegment,
  memberParts,
  sequenceItems,
  stringValue,
  unparen,
  type Arg,
  type DecoratorInfo,
} from "../syntax";
import type { NodeRole } from "../types";
import { decoratorIs } from "./taskflow";
import { describe, paramsOf } from "./step-nodes";

type Key = string[];

interface AssetOutput {
  key: Key;
  group: string | null;
  /** Replaces the function's upstream assets for this output (`internal_asset_deps`, or a spec's `deps`). */
  ownDeps: SyntaxNode[] | null;
  /** Extra ordering deps of this output only (an `AssetSpec`'s `deps`). */
  specDeps: SyntaxNode[];
  source: SyntaxNode;
}

interface AssetDecl {
  fn: FunctionInfo | null;
  role: NodeRole;
  detail: string | null;
  outputs: AssetOutput[];
  /** Upstream keys from parameters (data edges), and `deps=` entries (flow edges). */
  inputs: Key[];
  deps: SyntaxNode[];
}

const ASSET_DECORATORS = ["asset", "multi_asset", "graph_asset", "graph_multi_asset"];
const EXTERNAL_CLASSES = new Set(["AssetSpec", "SourceAsset"]);
/** Parameters of an asset that are not upstream assets. */
const NOT_INPUTS = new Set(["context", "_context", "config", "self"]);

const joinKey = (k: Key): string => k.join("/");

export function extractDagsterAssets(ctx: Ctx): void {
  const code = ctx.code;
  const decls: AssetDecl[] = [];
  /** Python names that stand for asset keys: asset functions, `x = AssetSpec(…)` at module level. */
  const varKeys = new Map<string, Key[]>();
  /** AssetSpec calls that belong to a multi-asset (not external assets). */
  const consumedSpecs = new Set<number>();

  const str = (node: SyntaxNode | null | undefined): string | null => (node ? stringValue(code, node) : null);
  const callName = (node: SyntaxNode): string | null => {
    const call = callParts(unparen(node));
    const name = call ? dottedName(code, call.callee) : null;
    return name ? lastSegment(name) : null;
  };
  const argsOf = (node: SyntaxNode): Arg[] => argList(code, callParts(unparen(node))?.args ?? null);

  /** A key path from `"a"`, `["a", "b"]`, `AssetKey(…)`; a prefix from `"p"` or `["p", "q"]`. */
  const path = (node: SyntaxNode | null | undefined): Key | null => {
    if (!node) return null;
    const n = unparen(node);
    const s = str(n);
    if (s !== null) return [s];
    if (n.name === "VariableName") {
      // `key_prefix=WAREHOUSE` with `WAREHOUSE = ["warehouse", "staging"]` at module level.
      const constant = ctx.index.constants.get(ctx.text(n));
      return constant ? path(constant) : null;
    }
    const items = sequenceItems(n);
    if (items) {
      const parts = items.map((i) => str(i));
      return parts.every((p): p is string => p !== null) ? parts : null;
    }
    if (callName(n) === "AssetKey") {
      const args = argsOf(n);
      return path(getArg(args, 0, "path"));
    }
    const m = n.name === "CallExpression" ? memberParts(code, callParts(n)?.callee ?? n) : null;
    if (m?.property === "from_user_string") {
      const v = str(getArg(argsOf(n), 0));
      return v !== null ? v.split("/") : null;
    }
    return null;
  };

  /** The keys an entry of `deps=[…]` (or an `AssetIn`'s key) stands for. */
  const keysOf = (node: SyntaxNode): Key[] => {
    const n = unparen(node);
    const p = path(n);
    if (p) return [p];
    if (n.name === "VariableName") {
      const name = ctx.text(n);
      const known = varKeys.get(name);
      if (known) return known;
      const constant = ctx.index.constants.get(name);
      const cp = constant ? path(constant) : null;
      return cp ? [cp] : [];
    }
    const m = memberParts(code, n);
    if (m && m.property === "key") return keysOf(m.object);
    const cls = callName(n);
    if (cls === "AssetIn" || cls === "AssetDep" || cls === "AssetSpec" || cls === "SourceAsset") {
      const args = argsOf(n);
      const first = getArg(args, 0, cls === "AssetDep" ? "asset" : "key");
      return first ? keysOf(first) : [];
    }
    return [];
  };

  const prefixOf = (args: readonly Arg[] | null): Key => (args ? (path(getArg(args, -1, "key_prefix")) ?? []) : []);
  const groupOf = (args: readonly Arg[] | null): string | null => (args ? str(getArg(args, -1, "group_name")) : null);
  const listArg = (args: readonly Arg[] | null, name: string): SyntaxNode[] => {
    const v = args ? getArg(args, -1, name) : null;
    if (!v) return [];
    const direct = sequenceItems(v);
    if (direct) return direct;
    // `deps=UPSTREAM` with `UPSTREAM = [...]` at module level.
    const constant = unparen(v).name === "VariableName" ? ctx.index.constants.get(ctx.text(unparen(v))) : undefined;
    return (constant && sequenceItems(constant)) ?? [];
  };

  /** The multi-asset outputs of `outs={…}` and `specs=[…]`. */
  const multiOutputs = (dec: DecoratorInfo, group: string | null): AssetOutput[] => {
    const out: AssetOutput[] = [];
    const internal = new Map<string, SyntaxNode[]>();
    const internalArg = dec.args ? getArg(dec.args, -1, "internal_asset_deps") : null;
    for (const e of (internalArg && dictEntries(internalArg)) ?? []) {
      const k = str(e.key);
      if (k !== null) internal.set(k, sequenceItems(e.value) ?? []);
    }
    const outsArg = dec.args ? getArg(dec.args, -1, "outs") : null;
    for (const e of (outsArg && dictEntries(outsArg)) ?? []) {
      const name = str(e.key);
      if (name === null) continue;
      const outArgs = callParts(unparen(e.value)) ? argsOf(e.value) : null;
      const key = path(outArgs ? getArg(outArgs, -1, "key") : null) ?? [...prefixOf(outArgs), name];
      out.push({ key, group: groupOf(outArgs) ?? group, ownDeps: internal.get(name) ?? null, specDeps: [], source: e.key });
    }
    for (const spec of listArg(dec.args, "specs")) {
      consumedSpecs.add(unparen(spec).from);
      const keys = keysOf(spec);
      const specArgs = callName(spec) === "AssetSpec" ? argsOf(spec) : null;
      for (const key of keys) {
        out.push({ key, group: groupOf(specArgs) ?? group, ownDeps: null, specDeps: listArg(specArgs, "deps"), source: spec });
      }
    }
    return out;
  };

  // 1. Decorated assets, in source order.
  for (const fn of ctx.index.allFunctions) {
    const dec = fn.decorators.find((d) => decoratorIs(d, ASSET_DECORATORS));
    if (!dec) continue;
    const kind = lastSegment(dec.name);
    const args = dec.args;
    const group = groupOf(args);
    const decl: AssetDecl = { fn, role: "asset", detail: fn.name, outputs: [], inputs: [], deps: listArg(args, "deps") };
    if (kind === "asset" || kind === "graph_asset") {
      const key = path(args ? getArg(args, -1, "key") : null) ?? [...prefixOf(args), str(args ? getArg(args, -1, "name") : null) ?? fn.name];
      decl.role = kind === "asset" ? "asset" : "graph_asset";
      decl.outputs.push({ key, group, ownDeps: null, specDeps: [], source: fn.declaration });
    } else {
      decl.role = "multi_asset";
      decl.outputs = multiOutputs(dec, group);
    }
    // Parameters name upstream assets, through `ins={"p": AssetIn(…)}` when given.
    const ins = new Map<string, Key[]>();
    const insArg = args ? getArg(args, -1, "ins") : null;
    for (const e of (insArg && dictEntries(insArg)) ?? []) {
      const p = str(e.key);
      if (p === null) continue;
      const inArgs = callName(e.value) === "AssetIn" ? argsOf(e.value) : null;
      const explicit = keysOf(e.value);
      ins.set(p, explicit.length ? explicit : [[...prefixOf(inArgs), p]]);
    }
    for (const p of paramsOf(ctx, fn)) {
      if (p.star || NOT_INPUTS.has(p.name) || /Context\b|Resource|\bConfig$/.test(p.annotation)) continue;
      decl.inputs.push(...(ins.get(p.name) ?? [[p.name]]));
    }
    decls.push(decl);
    varKeys.set(
      fn.name,
      decl.outputs.map((o) => o.key),
    );
  }

  // 2. `raw = AssetSpec("raw_events")` at module level: a name for that key.
  for (const stmt of ctx.index.topStatements) {
    if (stmt.name !== "AssignStatement") continue;
    const { targets, values } = assignParts(stmt);
    const v = values.length === 1 ? values[0] : undefined;
    const t = targets[0]?.length === 1 ? targets[0][0] : undefined;
    if (!v || t?.name !== "VariableName" || !EXTERNAL_CLASSES.has(callName(v) ?? "")) continue;
    const keys = keysOf(v);
    if (keys.length) varKeys.set(ctx.text(t), keys);
  }

  // 3. External assets: AssetSpec / SourceAsset calls outside decorators and multi-asset specs.
  if (code.includes("AssetSpec") || code.includes("SourceAsset")) ctx.tree.iterate({
    enter: (ref) => {
      if (ref.name === "Decorator") return false;
      if (ref.name !== "CallExpression" || consumedSpecs.has(ref.from)) return undefined;
      const node = ref.node;
      const cls = callName(node);
      if (!cls || !EXTERNAL_CLASSES.has(cls)) return undefined;
      const args = argsOf(node);
      for (const key of keysOf(node)) {
        decls.push({
          fn: null,
          role: "asset",
          detail: cls,
          outputs: [{ key, group: groupOf(args), ownDeps: null, specDeps: [], source: node }],
          inputs: [],
          deps: listArg(args, "deps"),
        });
      }
      return undefined;
    },
  });

  if (!decls.length) return;

  // Nodes.
  const idOf = new Map<string, string>();
  for (const d of decls) {
    for (const o of d.outputs) {
      const label = joinKey(o.key);
      if (idOf.has(label)) continue; // an external spec of a key an asset also defines
      let parent: string | null = null;
      if (o.group) {
        parent = `dagster:group:${o.group}`;
        if (!ctx.graph.has(parent)) {
          ctx.graph.addNode(parent, { label: o.group, kind: "group", source: null });
          describe(ctx, parent, { role: "asset_group" });
        }
      }
      const id = ctx.graph.uniqueId(`dagster:asset:${label}`);
      ctx.graph.addNode(id, { label, kind: "step", source: ctx.span(o.source), definition: d.fn?.definition ?? null, parent });
      idOf.set(label, id);
    }
  }

  // Edges, and what each node reads.
  for (const d of decls) {
    for (const o of d.outputs) {
      const target = idOf.get(joinKey(o.key));
      if (!target) continue;
      const dataKeys = o.ownDeps ? o.ownDeps.flatMap(keysOf) : d.inputs;
      const flowKeys = [...(o.ownDeps ? [] : d.deps), ...o.specDeps].flatMap(keysOf);
      for (const k of dataKeys) {
        const source = idOf.get(joinKey(k));
        if (source) ctx.graph.addEdge(source, target, "data");
      }
      for (const k of flowKeys) {
        const source = idOf.get(joinKey(k));
        if (source) ctx.graph.addEdge(source, target, "flow");
      }
      const node = ctx.graph.get(target);
      if (node?.role) continue; // described already (a key declared twice)
      describe(ctx, target, {
        role: d.role,
        detail: d.detail,
        inputs: [...new Set([...dataKeys, ...flowKeys].map(joinKey))],
      });
    }
  }
}
