/**
 * The dashboard's query — search words, framework and tag filters and sort order — as it lives in the URL
 * (`/dashboard?q=…&fw=airflow,kedro&tag=etl,nightly&sort=name`, docs/decisions/068 and 087), and the `workflow.list` input it asks for
 * (the list contract of issue 14). Pure: shared by the server prefetch and the client query, so their keys match.
 */
import { DIALECTS, LIST_SORTS, MAX_SEARCH_LENGTH } from "~/lib/validation/workflow-limits";
import { MAX_TAGS, normaliseTag, tagProblem } from "~/lib/validation/tag-rules";
import type { RouterInputs } from "~/trpc/react";
export const PAGE_SIZE = 12;
/** The server's limit on search text (the list contract). */
export const SEARCH_MAX_LENGTH = MAX_SEARCH_LENGTH;

export const FRAMEWORKS = DIALECTS;
export type Framework = (typeof FRAMEWORKS)[number];

export const SORT_ORDERS = LIST_SORTS;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const SORT_LABELS: Record<SortOrder, string> = {
  updated: "Last updated",
  name: "Name",
  created: "Date created",
  size: "Code size",
  nodes: "Node count",
};

export interface DashboardQuery {
  q: string;
  fw: Framework[];
  /** Workflows with every one of these tags (normalised); tags hold no commas, so the URL lists them comma-separated. */
  tags: string[];
  sort: SortOrder;
}

export const DEFAULT_QUERY: DashboardQuery = { q: "", fw: [], tags: [], sort: "updated" };

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: Params, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The query a URL asks for. Unknown frameworks and sorts are dropped, so an old or edited link still opens. */
export function parseDashboardQuery(params: Params): DashboardQuery {
  const q = (first(params, "q") ?? "").trim().slice(0, SEARCH_MAX_LENGTH);
  const wanted = new Set((first(params, "fw") ?? "").split(",").map((part) => part.trim().toLowerCase()));
  const fw = FRAMEWORKS.filter((framework) => wanted.has(framework));
  const sortParam = first(params, "sort");
  const sort = SORT_ORDERS.find((order) => order === sortParam) ?? "updated";
  const tagText = first(params, "tag") ?? "";
  const tags = [...new Set(tagText.split(",").map(normaliseTag))].filter((tag) => tagProblem(tag) === null).slice(0, MAX_TAGS);
  return { q, fw, tags, sort };
}

/** The URL's search part for a query (`?q=…&fw=…&sort=…`), defaults left out; "" for the default query. */
export function dashboardSearch(query: DashboardQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.fw.length) params.set("fw", FRAMEWORKS.filter((framework) => query.fw.includes(framework)).join(","));
  if (query.tags.length) params.set("tag", query.tags.join(","));
  if (query.sort !== "updated") params.set("sort", query.sort);
  const text = params.toString().replaceAll("%2C", ",");
  return text ? `?${text}` : "";
}

export function isFiltered(query: DashboardQuery): boolean {
  return query.q !== "" || query.fw.length > 0 || query.tags.length > 0;
}

/** The `workflow.list` input for a query (the list contract: search, dialects, sort). */
export function listInput(query: DashboardQuery) {
  return {
    limit: PAGE_SIZE,
    sort: query.sort,
    ...(query.q ? { search: query.q } : {}),
    ...(query.fw.length ? { dialects: FRAMEWORKS.filter((framework) => query.fw.includes(framework)) } : {}),
    ...(query.tags.length ? { tags: query.tags } : {}),
  };
}

/** The list contract's input, typed as the server's `workflow.list` takes it. */
export function serverListInput(query: DashboardQuery): RouterInputs["workflow"]["list"] {
  return listInput(query);
}
