/** The dashboard's query in the URL (`?q=&fw=&sort=`) and the list input it asks the server for (issue 14). */
import { describe, expect, it } from "vitest";
import { searchWords } from "../../../src/components/dashboard/highlight";
import { dashboardSearch, DEFAULT_QUERY, listInput, parseDashboardQuery } from "../../../src/components/dashboard/list-input";

describe("the dashboard's URL", () => {
  it("reads search, frameworks and sort, dropping what it does not know", () => {
    expect(parseDashboardQuery(new URLSearchParams("q=%20airflow%20&fw=kedro,AIRFLOW,nope,kedro&sort=name"))).toEqual({
      q: "airflow",
      fw: ["airflow", "kedro"],
      tags: [],
      sort: "name",
    });
    expect(parseDashboardQuery(new URLSearchParams("sort=sideways&fw="))).toEqual(DEFAULT_QUERY);
    expect(parseDashboardQuery({ q: ["first", "second"], sort: "nodes" })).toEqual({ q: "first", fw: [], tags: [], sort: "nodes" });
    expect(parseDashboardQuery({ q: "x".repeat(500) }).q).toHaveLength(200);
  });

  it("writes only what differs from the default, and reads back the same", () => {
    expect(dashboardSearch(DEFAULT_QUERY)).toBe("");
    const query = { q: "daily revenue & more", fw: ["kedro" as const, "airflow" as const], tags: [], sort: "size" as const };
    const search = dashboardSearch(query);
    expect(search).toBe("?q=daily+revenue+%26+more&fw=airflow,kedro&sort=size");
    expect(parseDashboardQuery(new URLSearchParams(search))).toEqual({ ...query, fw: ["airflow", "kedro"] });
  });

  it("asks the server for the list contract's input", () => {
    expect(listInput(DEFAULT_QUERY)).toEqual({ limit: 12, sort: "updated" });
    expect(listInput({ q: "compress", fw: ["prefect", "langgraph"], tags: [], sort: "created" })).toEqual({
      limit: 12,
      sort: "created",
      search: "compress",
      dialects: ["langgraph", "prefect"],
    });
  });

  it("reads and writes the tag filter normalised, dropping tags that could not exist", () => {
    const query = parseDashboardQuery(new URLSearchParams("tag=ETL,%20Nightly%20%20Run%20,etl,,bad/tag"));
    expect(query.tags).toEqual(["etl", "nightly run"]);
    expect(dashboardSearch(query)).toBe("?tag=etl,nightly+run");
    expect(parseDashboardQuery(new URLSearchParams(dashboardSearch(query)))).toEqual(query);
    expect(listInput(query)).toEqual({ limit: 12, sort: "updated", tags: ["etl", "nightly run"] });
  });

  it("highlights the search's words, longest first", () => {
    expect(searchWords("a  Report REPORT daily")).toEqual(["report", "daily"]);
  });
});
