/**
 * Kedro: every `pipeline([...])` / `Pipeline([...])` call is a group; each `node(func, inputs, outputs,
 * name=…)` in it is a step labelled by its `name` (else the function's name). Inputs and outputs may
 * be a string, a list or a dict (its values are the dataset names).
 *
 * Datasets are not drawn as nodes: each dataset becomes a direct edge (kind data, labelled with the
 * dataset's name) from the node that outputs it to every node of the same pipeline that inputs it.
 * Inputs nobody produces (raw data, `params:…`) draw nothing.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import {
  definitionBody,
  argList,
  assignParts,
  callParts,
  dictEntries,
  dottedName,
  getArg,
  lastSegment,
  sequenceItems,
  statements,
  stringValue,
  unparen,
} from "../syntax";

function datasetNames(ctx: Ctx, node: SyntaxNode | null): string[] {
  if (!node) return [];
  const n = unparen(node);
  const s = stringValue(ctx.code, n);
  if (s !== null) return [s];
  if (n.name === "VariableName") {
    const constant = ctx.index.constants.get(ctx.text(n));
    return constant ? datasetNames(ctx, constant) : [];
  }
  const entries = dictEntries(n);
  if (entries) return entries.flatMap((e) => datasetNames(ctx, e.value));
  const items = sequenceItems(n);
  if (items) return items.flatMap((i) => datasetNames(ctx, i));
  return [];
}

function isCallNamed(ctx: Ctx, node: SyntaxNode, names: readonly string[]): SyntaxNode | null {
  const call = callParts(node);
  if (!call) return null;
  const name = dottedName(ctx.code, call.callee);
  return name && names.includes(lastSegment(name)) ? call.args : null;
}

export function extractKedro(ctx: Ctx): void {
  const g = ctx.graph;

  const readPipeline = (call: SyntaxNode, args: SyntaxNode | null, groupName: string): void => {
    const list = getArg(argList(ctx.code, args), 0, "nodes");
    const items = list ? sequenceItems(list) : null;
    if (!items) return;
    const groupId = g.uniqueId(`kedro:${groupName}`);
    g.addNode(groupId, { label: groupName, kind: "group", source: ctx.span(call) });
    const steps: Array<{ id: string; inputs: string[]; outputs: string[] }> = [];
    for (const item of items) {
      const nodeArgs = isCallNamed(ctx, item, ["node"]);
      if (nodeArgs === null) continue;
      const a = argList(ctx.code, nodeArgs);
      const func = getArg(a, 0, "func");
      const nameArg = getArg(a, 3, "name");
      const funcName = func ? dottedName(ctx.code, func) : null;
      const label = (nameArg && stringValue(ctx.code, nameArg)) ?? (funcName ? lastSegment(funcName) : "lambda");
      const id = g.uniqueId(`${groupId}:${label}`);
      const def = funcName ? ctx.fn(lastSegment(funcName))?.definition ?? null : null;
      g.addNode(id, { label, kind: "step", source: ctx.span(item), definition: def, parent: groupId });
      steps.push({ id, inputs: datasetNames(ctx, getArg(a, 1, "inputs")), outputs: datasetNames(ctx, getArg(a, 2, "outputs")) });
    }
    const producers = new Map<string, string[]>();
    for (const s of steps) {
      for (const o of s.outputs) {
        const list = producers.get(o) ?? [];
        list.push(s.id);
        producers.set(o, list);
      }
    }
    for (const s of steps) {
      for (const i of s.inputs) for (const p of producers.get(i) ?? []) g.addEdge(p, s.id, "data", { label: i });
    }
  };

  /** Finds pipeline calls in an expression (e.g. `return pipeline([...])`, `a = Pipeline([...]) + b`). */
  const scanExpr = (node: SyntaxNode, name: string, depth: number): void => {
    if (depth > 60) return;
    const args = isCallNamed(ctx, node, ["pipeline", "Pipeline", "modular_pipeline"]);
    if (args !== null) {
      readPipeline(node, args, name);
      return;
    }
    for (let c = node.firstChild; c; c = c.nextSibling) scanExpr(c, name, depth + 1);
  };

  const walk = (container: SyntaxNode | null, enclosing: string | null, depth: number): void => {
    if (!container || depth > 50) return;
    for (const stmt of statements(container)) {
      switch (stmt.name) {
        case "AssignStatement": {
          const { targets, values } = assignParts(stmt);
          const t = targets[0]?.[0];
          const name = enclosing ?? (t?.name === "VariableName" ? ctx.text(t) : "pipeline");
          for (const v of values) scanExpr(v, name, 0);
          break;
        }
        case "ReturnStatement":
        case "ExpressionStatement":
          for (let c = stmt.firstChild; c; c = c.nextSibling) scanExpr(c, enclosing ?? "pipeline", 0);
          break;
        case "FunctionDefinition":
        case "DecoratedStatement":
        case "ClassDefinition": {
          const definition = definitionBody(stmt);
          if (definition) walk(definition.body, definition.name ? ctx.text(definition.name) : enclosing, depth + 1);
          break;
        }
        default:
          for (let c = stmt.firstChild; c; c = c.nextSibling) if (c.name === "Body") walk(c, enclosing, depth + 1);
      }
    }
  };
  walk(ctx.tree.topNode, null, 0);
}
