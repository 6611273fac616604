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

/** What the scan of one module keeps between its passes. */
interface AssetScan {
  ctx: Ctx;
  decls: AssetDecl[];
  /** Python names that stand for asset keys: asset functions, `x = AssetSpec(…)` at module level. */
  varKeys: Map<string, Key[]>;
  /** AssetSpec calls that belong to a multi-asset (not external assets). */
  consumedSpecs: Set<number>;
}

export function extractDagsterAssets(ctx: Ctx): void {
  const scan: AssetScan = { ctx, decls: [], varKeys: new Map(), consumedSpecs: new Set() };
  readDecoratedAssets(scan);
  readNamedSpecs(scan);
  readExternalAssets(scan);
  if (!scan.decls.length) return;
  const idOf = addAssetNodes(ctx, scan.decls);
  addAssetEdges(scan, idOf);
}

const str = (ctx: Ctx, node: SyntaxNode | null | undefined): string | null => (node ? stringValue(ctx.code, node) : null);

function callName(ctx: Ctx, node: SyntaxNode): string | null {
  const call = callParts(unparen(node));
  const name = call ? dottedName(ctx.code, call.callee) : null;
  return name ? lastSegment(name) : null;
}

const argsOf = (ctx: Ctx, node: SyntaxNode): Arg[] => argList(ctx.code, callParts(unparen(node))?.args ?? null);

/** A key path from `"a"`, `["a", "b"]`, `AssetKey(…)`; a prefix from `"p"` or `["p", "q"]`. */
function path(ctx: Ctx, node: SyntaxNode | null | undefined): Key | null {
  if (!node) return null;
  const n = unparen(node);
  const s = str(ctx, n);
  if (s !== null) return [s];
  if (n.name === "VariableName") {
    // `key_prefix=WAREHOUSE` with `WAREHOUSE = ["warehouse", "staging"]` at module level.
    const constant = ctx.index.constants.get(ctx.text(n));
    return constant ? path(ctx, constant) : null;
  }
  const items = sequenceItems(n);
  if (items) {
    const parts = items.map((i) => str(ctx, i));
    return parts.every((p): p is string => p !== null) ? parts : null;
  }
  if (callName(ctx, n) === "AssetKey") return path(ctx, getArg(argsOf(ctx, n), 0, "path"));
  const m = n.name === "CallExpression" ? memberParts(ctx.code, callParts(n)?.callee ?? n) : null;
  if (m?.property === "from_user_string") {
    const v = str(ctx, getArg(argsOf(ctx, n), 0));
    return v !== null ? v.split("/") : null;
  }
  return null;
}

/** The keys an entry of `deps=[…]` (or an `AssetIn`'s key) stands for. */
function keysOf(scan: AssetScan, node: SyntaxNode): Key[] {
  const { ctx } = scan;
  const n = unparen(node);
  const p = path(ctx, n);
  if (p) return [p];
  if (n.name === "VariableName") {
    const name = ctx.text(n);
    const known = scan.varKeys.get(name);
    if (known) return known;
    const constant = ctx.index.constants.get(name);
    const cp = constant ? path(ctx, constant) : null;
    return cp ? [cp] : [];
  }
  const m = memberParts(ctx.code, n);
  if (m && m.property === "key") return keysOf(scan, m.object);
  const cls = callName(ctx, n);
  if (cls === "AssetIn" || cls === "AssetDep" || cls === "AssetSpec" || cls === "SourceAsset") {
    const first = getArg(argsOf(ctx, n), 0, cls === "AssetDep" ? "asset" : "key");
    return first ? keysOf(scan, first) : [];
  }
  return [];
}

const prefixOf = (ctx: Ctx, args: readonly Arg[] | null): Key =>
  args ? (path(ctx, getArg(args, -1, "key_prefix")) ?? []) : [];
const groupOf = (ctx: Ctx, args: readonly Arg[] | null): string | null =>
  args ? str(ctx, getArg(args, -1, "group_name")) : null;

function listArg(ctx: Ctx, args: readonly Arg[] | null, name: string): SyntaxNode[] {
  const v = args ? getArg(args, -1, name) : null;
  if (!v) return [];
  const direct = sequenceItems(v);
  if (direct) return direct;
  // `deps=UPSTREAM` with `UPSTREAM = [...]` at module level.
  const constant = unparen(v).name === "VariableName" ? ctx.index.constants.get(ctx.text(unparen(v))) : undefined;
  return (constant && sequenceItems(constant)) ?? [];
}

/** The multi-asset outputs of `outs={…}` and `specs=[…]`. */
function multiOutputs(scan: AssetScan, dec: DecoratorInfo, group: string | null): AssetOutput[] {
  const { ctx } = scan;
  const out: AssetOutput[] = [];
  const internal = new Map<string, SyntaxNode[]>();
  const internalArg = dec.args ? getArg(dec.args, -1, "internal_asset_deps") : null;
  for (const e of (internalArg && dictEntries(internalArg)) ?? []) {
    const k = str(ctx, e.key);
    if (k !== null) internal.set(k, sequenceItems(e.value) ?? []);
  }
  const outsArg = dec.args ? getArg(dec.args, -1, "outs") : null;
  for (const e of (outsArg && dictEntries(outsArg)) ?? []) {
    const name = str(ctx, e.key);
    if (name === null) continue;
    const outArgs = callParts(unparen(e.value)) ? argsOf(ctx, e.value) : null;
    const key = path(ctx, outArgs ? getArg(outArgs, -1, "key") : null) ?? [...prefixOf(ctx, outArgs), name];
    out.push({ key, group: groupOf(ctx, outArgs) ?? group, ownDeps: internal.get(name) ?? null, specDeps: [], source: e.key });
  }
  for (const spec of listArg(ctx, dec.args, "specs")) {
    scan.consumedSpecs.add(unparen(spec).from);
    const specArgs = callName(ctx, spec) === "AssetSpec" ? argsOf(ctx, spec) : null;
    for (const key of keysOf(scan, spec)) {
      out.push({ key, group: groupOf(ctx, specArgs) ?? group, ownDeps: null, specDeps: listArg(ctx, specArgs, "deps"), source: spec });
    }
  }
  return out;
}

/** Upstream keys named by an asset's parameters, through `ins={"p": AssetIn(…)}` when given. */
function parameterInputs(scan: AssetScan, fn: FunctionInfo, args: readonly Arg[] | null): Key[] {
  const { ctx } = scan;
  const ins = new Map<string, Key[]>();
  const insArg = args ? getArg(args, -1, "ins") : null;
  for (const e of (insArg && dictEntries(insArg)) ?? []) {
    const p = str(ctx, e.key);
    if (p === null) continue;
    const inArgs = callName(ctx, e.value) === "AssetIn" ? argsOf(ctx, e.value) : null;
    const explicit = keysOf(scan, e.value);
    ins.set(p, explicit.length ? explicit : [[...prefixOf(ctx, inArgs), p]]);
  }
  const inputs: Key[] = [];
  for (const p of paramsOf(ctx, fn)) {
    if (p.star || NOT_INPUTS.has(p.name) || /Context\b|Resource|\bConfig$/.test(p.annotation)) continue;
    inputs.push(...(ins.get(p.name) ?? [[p.name]]));
  }
  return inputs;
}

/** 1. Decorated assets, in source order. */
function readDecoratedAssets(scan: AssetScan): void {
  const { ctx } = scan;
  for (const fn of ctx.index.allFunctions) {
    const dec = fn.decorators.find((d) => decoratorIs(d, ASSET_DECORATORS));
    if (!dec) continue;
    const kind = lastSegment(dec.name);
    const args = dec.args;
    const group = groupOf(ctx, args);
    const decl: AssetDecl = { fn, role: "asset", detail: fn.name, outputs: [], inputs: [], deps: listArg(ctx, args, "deps") };
    if (kind === "asset" || kind === "graph_asset") {
      const name = str(ctx, args ? getArg(args, -1, "name") : null) ?? fn.name;
      const key = path(ctx, args ? getArg(args, -1, "key") : null) ?? [...prefixOf(ctx, args), name];
      decl.role = kind === "asset" ? "asset" : "graph_asset";
      decl.outputs.push({ key, group, ownDeps: null, specDeps: [], source: fn.declaration });
    } else {
      decl.role = "multi_asset";
      decl.outputs = multiOutputs(scan, dec, group);
    }
    decl.inputs = parameterInputs(scan, fn, args);
    scan.decls.push(decl);
    scan.varKeys.set(
      fn.name,
      decl.outputs.map((o) => o.key),
    );
  }
}

/** 2. `raw = AssetSpec("raw_events")` at module level: a name for that key. */
function readNamedSpecs(scan: AssetScan): void {
  const { ctx } = scan;
  for (const stmt of ctx.index.topStatements) {
    if (stmt.name !== "AssignStatement") continue;
    const { targets, values } = assignParts(stmt);
    const v = values.length === 1 ? values[0] : undefined;
    const t = targets[0]?.length === 1 ? targets[0][0] : undefined;
    if (!v || t?.name !== "VariableName" || !EXTERNAL_CLASSES.has(callName(ctx, v) ?? "")) continue;
    const keys = keysOf(scan, v);
    if (keys.length) scan.varKeys.set(ctx.text(t), keys);
  }
}

/** 3. External assets: AssetSpec / SourceAsset calls outside decorators and multi-asset specs. */
function readExternalAssets(scan: AssetScan): void {
  const { ctx } = scan;
  if (!ctx.code.includes("AssetSpec") && !ctx.code.includes("SourceAsset")) return;
  ctx.tree.iterate({
    enter: (ref) => {
      if (ref.name === "Decorator") return false;
      if (ref.name !== "CallExpression" || scan.consumedSpecs.has(ref.from)) return undefined;
      const node = ref.node;
      const cls = callName(ctx, node);
      if (!cls || !EXTERNAL_CLASSES.has(cls)) return undefined;
      const args = argsOf(ctx, node);
      for (const key of keysOf(scan, node)) {
        scan.decls.push({
          fn: null,
          role: "asset",
          detail: cls,
          outputs: [{ key, group: groupOf(ctx, args), ownDeps: null, specDeps: [], source: node }],
          inputs: [],
          deps: listArg(ctx, args, "deps"),
        });
      }
      return undefined;
    },
  });
}

/** One node per asset key (the first declaration of a key wins), inside its group's frame. */
function addAssetNodes(ctx: Ctx, decls: readonly AssetDecl[]): Map<string, string> {
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
  return idOf;
}

/** Data edges from what an asset reads, flow edges from its `deps`, and what each node reads. */
function addAssetEdges(scan: AssetScan, idOf: ReadonlyMap<string, string>): void {
  const { ctx } = scan;
  const keys = (node: SyntaxNode): Key[] => keysOf(scan, node);
  for (const d of scan.decls) {
    for (const o of d.outputs) {
      const target = idOf.get(joinKey(o.key));
      if (!target) continue;
      const dataKeys = o.ownDeps ? o.ownDeps.flatMap(keys) : d.inputs;
      const flowKeys = [...(o.ownDeps ? [] : d.deps), ...o.specDeps].flatMap(keys);
      for (const k of dataKeys) {
        const source = idOf.get(joinKey(k));
        if (source) ctx.graph.addEdge(source, target, "data");
      }
      for (const k of flowKeys) {
        const source = idOf.get(joinKey(k));
        if (source) ctx.graph.addEdge(source, target, "flow");
      }
      if (ctx.graph.get(target)?.role) continue; // described already (a key declared twice)
      describe(ctx, target, {
        role: d.role,
        detail: d.detail,
        inputs: [...new Set([...dataKeys, ...flowKeys].map(joinKey))],
      });
    }
  }
}
