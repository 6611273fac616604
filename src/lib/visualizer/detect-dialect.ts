/**
 * Which kind of workflow a script is: from its imports first, then from characteristic calls and
 * decorators (for snippets without imports). The first match in DIALECT_ORDER wins.
 */
import type { ImportInfo, ModuleIndex } from "./module-index";
import type { Dialect } from "./types";

export const DIALECT_ORDER: readonly Dialect[] = ["langgraph", "airflow", "prefect", "dagster", "kedro"];

const IMPORT_ROOTS: Record<string, Dialect> = {
  langgraph: "langgraph",
  langgraph_supervisor: "langgraph",
  airflow: "airflow",
  prefect: "prefect",
  dagster: "dagster",
  kedro: "kedro",
};

const CALL_EVIDENCE: Record<Exclude<Dialect, "generic">, RegExp> = {
  // StateGraph builders, the functional API's @entrypoint, the prebuilt ReAct agent.
  langgraph: /\b(?:StateGraph|MessageGraph)\s*\(|^\s*@entrypoint\b|\bcreate_react_agent\s*\(/m,
  airflow: /\bDAG\s*\(|^\s*@dag\b|\b\w+Operator\s*\(\s*task_id\s*=/m,
  prefect: /^\s*@flow\b/m,
  dagster: /^\s*@(?:op|job|asset|graph|multi_asset|graph_asset|graph_multi_asset)\b/m,
  // Kedro 0.x `pipeline([node(` and 1.x `Pipeline([Node(`, `Pipeline(nodes=[…])`, `Node(func=…)`.
  kedro: /\b[pP]ipeline\s*\(\s*(?:nodes\s*=\s*)?\[\s*[nN]ode\s*\(|\bNode\s*\(\s*func\s*=/,
};

/** The dialect an import says, if any: its root package, or LangChain v1's `create_agent` (a LangGraph graph). */
function importDialect(imp: ImportInfo): Dialect | undefined {
  const d = IMPORT_ROOTS[imp.module.split(".")[0] ?? ""];
  if (d) return d;
  if (imp.module === "langchain.agents" && imp.names.some((n) => n.name === "create_agent")) return "langgraph";
  return undefined;
}

export function detectDialect(index: ModuleIndex, code: string): Dialect {
  const found = new Set<Dialect>();
  for (const imp of index.imports) {
    const d = importDialect(imp);
    if (d) found.add(d);
  }
  for (const d of DIALECT_ORDER) if (found.has(d)) return d;
  for (const d of DIALECT_ORDER) {
    if (d !== "generic" && CALL_EVIDENCE[d].test(code)) return d;
  }
  return "generic";
}
