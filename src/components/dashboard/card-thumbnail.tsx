"use client";

import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { api } from "~/trpc/react";

const ThumbnailDrawing = lazy(() => import("./thumbnail-drawing"));

/**
 * A card's small drawing of its graph. Lists never read code, so the graph is fetched per card
 * (`workflow.graph`, cached by React Query) once the card scrolls near the viewport. The box has a fixed aspect
 * ratio: the drawing fades in without moving anything.
 */
export function CardThumbnail({ id, name, version, nodeCount }: { id: string; name: string; version: number; nodeCount: number | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element || visible) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: "200px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  const graph = api.workflow.graph.useQuery({ id }, { enabled: visible && nodeCount !== 0, staleTime: 5 * 60_000 });
  // The code changed since the drawing was fetched (saved elsewhere, or in the editor): draw it again.
  const { refetch } = graph;
  const drawnVersion = graph.data?.version;
  useEffect(() => {
    if (drawnVersion !== undefined && drawnVersion < version) void refetch();
  }, [drawnVersion, version, refetch]);

  return (
    <div
      ref={ref}
      className="relative aspect-[16/10] overflow-hidden border-b border-slate-200 bg-[radial-gradient(circle,var(--color-slate-200)_1px,transparent_1px)] [background-size:14px_14px] dark:border-slate-800 dark:bg-[radial-gradient(circle,var(--color-slate-800)_1px,transparent_1px)]"
    >
      {nodeCount === 0 ? (
        <div className="absolute inset-0 grid place-items-center text-xs text-slate-400 dark:text-slate-500">No steps found yet</div>
      ) : graph.data ? (
        <Suspense fallback={<ThumbnailPlaceholder />}>
          <div className="absolute inset-0 p-3 motion-safe:animate-[fade-in_200ms_ease-out]">
            <ThumbnailDrawing graph={graph.data.graph} alt={`Graph of ${name}`} />
          </div>
        </Suspense>
      ) : graph.isError ? (
        <div className="absolute inset-0 grid place-items-center text-xs text-slate-400 dark:text-slate-500">Drawing unavailable</div>
      ) : (
        <ThumbnailPlaceholder />
      )}
    </div>
  );
}

function ThumbnailPlaceholder() {
  return (
    <div aria-hidden="true" className="absolute inset-0 flex flex-col items-center justify-center gap-2 p-6">
      <span className="h-4 w-16 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <span className="h-3 w-px bg-slate-200 dark:bg-slate-800" />
      <span className="h-4 w-20 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <span className="h-3 w-px bg-slate-200 dark:bg-slate-800" />
      <span className="h-4 w-14 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
