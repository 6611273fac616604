"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { dashboardSearch, type DashboardQuery, parseDashboardQuery } from "./list-input";

/**
 * The dashboard's query, read from the URL and written back to it with the History API (which Next.js's router
 * follows: `useSearchParams` updates, no server round trip). A change of filter or sort is a new history entry, so
 * Back undoes it; typing in the search box replaces the entry, so Back does not replay every keystroke.
 */
export function useDashboardQuery() {
  const params = useSearchParams();
  const search = params?.toString() ?? "";
  const query = useMemo(() => parseDashboardQuery(new URLSearchParams(search)), [search]);

  const navigate = useCallback((next: DashboardQuery, mode: "push" | "replace") => {
    const url = `${window.location.pathname}${dashboardSearch(next)}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);

  return { query, navigate };
}
