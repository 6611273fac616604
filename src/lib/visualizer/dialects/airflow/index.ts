/**
 * Airflow (https://airflow.apache.org/docs/apache-airflow/stable/core-concepts/dags.html): the graph Airflow's own
 * Graph view shows. Every task with its real task_id — operator instances, TaskFlow calls, tasks built in loops,
 * comprehensions and helper functions — inside frames for its DAG and TaskGroups; every dependency at task level
 * (`>>`, `chain`, TaskGroup roots and leaves, XComArg data edges; conditional out of branch tasks, labelled by
 * `Label`); Datasets/Assets as nodes between the tasks that update them and the DAGs they schedule.
 *
 *   state.ts         where new tasks go, the dependencies so far, budgets
 *   functions.ts     the script's functions by role; helper functions run with their arguments
 *   calls.ts         what a call means (task, operator, group, DAG, chain, Label, Dataset…)
 *   tasks.ts         task nodes: ids, labels, roles, duplicates
 *   dependencies.ts  `>>`, chain, cross_downstream, groups' roots and leaves, data edges
 *   scopes.ts        DAGs and TaskGroups (`with`, objects, `@task_group`, `@dag`)
 *   loops.ts         unrolled loops and comprehensions, branches with a known test
 *   datasets.ts      Datasets and Assets
 */
import type { Ctx } from "../../context";
import type { FlowHooks } from "../../dataflow";
import { child } from "../../syntax";
import { airflowCall } from "./calls";
import { combineDatasets } from "./datasets";
import { link } from "./dependencies";
import { catalogueFunctions } from "./functions";
import { comprehension, forStatement, ifStatement } from "./loops";
import { runDagFunction, withStatement } from "./scopes";
import { AirflowFlow, AirflowState } from "./state";

function hooksFor(state: AirflowState): FlowHooks {
  return {
    call: (node, flow) => airflowCall(state, node, flow),
    binary(node, op, flow) {
      if (op !== ">>" && op !== "<<" && op !== "|" && op !== "&") return undefined;
      const left = node.firstChild;
      const right = node.lastChild;
      if (!left || !right || left === right) return undefined;
      const l = flow.eval(left);
      const r = flow.eval(right);
      if (op === ">>") return link(state, l, r, node);
      if (op === "<<") {
        link(state, r, l, node);
        return r;
      }
      return combineDatasets(l, r);
    },
    statement(stmt, flow) {
      switch (stmt.name) {
        case "WithStatement":
          withStatement(state, stmt, flow);
          return true;
        case "ForStatement":
          forStatement(state, stmt, flow);
          return true;
        case "IfStatement":
          ifStatement(stmt, flow);
          return true;
        default:
          return false;
      }
    },
    comprehension: (node, flow) => comprehension(state, node, flow),
  };
}

export function extractAirflow(ctx: Ctx): void {
  const state = new AirflowState(ctx);
  state.hooks = hooksFor(state);
  state.top = new AirflowFlow(state, null);
  catalogueFunctions(state);

  // The module's top level, each `@dag` function read as a DAG where it is defined.
  for (const stmt of ctx.index.topStatements) {
    if (stmt.name === "DecoratedStatement") {
      const def = child(stmt, "FunctionDefinition");
      const name = def ? child(def, "VariableName") : null;
      const df = name ? state.dagFns.get(ctx.text(name))?.find((d) => d.fn.node.from === def?.from) : undefined;
      if (df) {
        runDagFunction(state, df, stmt);
        continue;
      }
    }
    state.top.exec(stmt);
  }

  for (const e of ctx.graph.edges) if (e.kind === "flow" && state.branchNodes.has(e.source)) e.kind = "conditional";
}
