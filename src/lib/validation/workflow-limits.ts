/**
 * The workflow bounds and lists that the browser reads without validating anything: no zod here, so a page that only
 * needs a limit or the list of frameworks does not load zod with it (docs/decisions/083). The schemas that use them
 * are in ./workflow.ts, which re-exports everything from this module.
 */
export const MAX_CODE_BYTES = 512 * 1024;
export const MAX_NAME_LENGTH = 100;
export const DEFAULT_PAGE_SIZE = 50;
/** A REST body holds at most 512 KiB of code; JSON escaping may grow it, so allow for that and no more. */
export const MAX_WORKFLOW_BODY_BYTES = MAX_CODE_BYTES * 2 + 16 * 1024;

/** The frameworks the visualizer tells apart ("generic" is plain Python), with the names people search by. */
export const DIALECTS = ["langgraph", "airflow", "prefect", "dagster", "kedro", "generic"] as const;
export type Dialect = (typeof DIALECTS)[number];
export const DIALECT_LABELS: Record<Dialect, string> = {
  langgraph: "LangGraph",
  airflow: "Airflow",
  prefect: "Prefect",
  dagster: "Dagster",
  kedro: "Kedro",
  generic: "Python",
};

/** The list's orders: newest update, name A–Z, newest created, largest code, most nodes; ties broken by id. */
export const LIST_SORTS = ["updated", "name", "created", "size", "nodes"] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const MAX_SEARCH_LENGTH = 200;
