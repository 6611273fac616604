/**
 * Which kind of workflow a script is: from its imports first, then from characteristic calls and
 * decorators (for snippets without imports). The first match in DIALECT_ORDER wins.
 */
import type { ModuleIndex } from "./module-index";
import type { Dialect } from "./types";

export const DIALECT_ORDER: readonly Dialect[] = ["langgraph", "airflow", "prefect", "dagster", "kedro"];

const IMPORT_ROOTS: Record<string, Dialect> = {
  langgraph: "langgraph",
  airflow: "airflow",
  prefect: "prefect",
  dagster: "dagster",
  kedro: "kedro",
};

const CALL_EVIDENCE: Record<Exclude<Dialect, "generic">, RegExp> = {
  langgraph: /\b(?:StateGraph|MessageGraph)\s*\(/,
  airflow: /\bDAG\s*\(|^\s*@dag\b|\b\w+Operator\s*\(\s*task_id\s*=/m,
  prefect: /^\s*@flow\b/m,
  dagster: /^\s*@(?:op|job|asset|graph|multi_asset|graph_asset|graph_multi_asset)\b/m,
  kedro: /\b[pP]ipeline\s*\(\s*\[\s*node\s*\(/,
};

export function detectDialect(index: ModuleIndex, code: string): Dialect {
  const found = new Set<Dialect>();
  for (const imp of index.imports) {
    const root = imp.module.split(".")[0] ?? "";
    const d = IMPORT_ROOTS[root];
    if (d) found.add(d);
  }
  for (const d of DIALECT_ORDER) if (found.has(d)) return d;
  for (const d of DIALECT_ORDER) {
    if (d !== "generic" && CALL_EVIDENCE[d].test(code)) return d;
  }
  return "generic";
}
