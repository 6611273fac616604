/**
 * What the details panel shows of a step, for the dataflow dialects (Prefect, Dagster, plain Python): the function's
 * parameters (with their annotations, to tell Dagster's context, config and resources from its inputs), and a setter
 * for a node's role, detail, inputs and outputs. (Docstrings are added for every dialect by docstrings.ts.)
 */
import type { Ctx } from "../context";
import type { FunctionInfo } from "../module-index";
import { child } from "../syntax";
import type { GraphNode, NodeRole } from "../types";

export interface Param {
  name: string;
  /** The annotation as written (`AssetExecutionContext`, `ResourceParam[str]`), or "". */
  annotation: string;
  /** `*args` (1) or `**kwargs` (2). */
  star: 0 | 1 | 2;
}

/** The parameters of a function, in order. */
export function paramsOf(ctx: Ctx, fn: FunctionInfo): Param[] {
  const list = child(fn.node, "ParamList");
  const out: Param[] = [];
  if (!list) return out;
  let star: 0 | 1 | 2 = 0;
  let afterAssign = false;
  let current: Param | null = null;
  for (let c = list.firstChild; c; c = c.nextSibling) {
    switch (c.name) {
      case ",":
        afterAssign = false;
        star = 0;
        current = null;
        break;
      case "*":
        star = 1;
        break;
      case "**":
        star = 2;
        break;
      case "AssignOp":
        afterAssign = true;
        break;
      case "VariableName":
        if (!afterAssign && !current) {
          current = { name: ctx.text(c), annotation: "", star };
          out.push(current);
        }
        break;
      case "TypeDef":
        if (current && !afterAssign) current.annotation = ctx.text(c).replace(/^:\s*/, "");
        break;
      default:
        break;
    }
  }
  return out;
}

export interface StepFacts {
  role?: NodeRole;
  detail?: string | null;
  inputs?: readonly string[];
  outputs?: readonly string[];
}

/** Sets what the drawing and the details panel show of node `id` (a detail equal to the label is left out). */
export function describe(ctx: Ctx, id: string, facts: StepFacts): GraphNode | undefined {
  const node = ctx.graph.get(id);
  if (!node) return undefined;
  if (facts.role) node.role = facts.role;
  if (facts.detail && facts.detail !== node.label) node.detail = facts.detail;
  if (facts.inputs?.length) node.inputs = [...facts.inputs];
  if (facts.outputs?.length) node.outputs = [...facts.outputs];
  return node;
}
