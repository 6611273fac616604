/**
 * Code a page does not need for its first paint, loaded on first use (docs/decisions/083): `lazyModule(() =>
 * import("…"))` gives a loader that imports once and hands every caller the same module; a failed import (the
 * network dropped) is forgotten, so the next call tries again. `afterFirstLoad` runs a warm-up once the page has
 * loaded and the browser is idle, so the module is usually there before anyone needs it.
 */
/** What a form says when the code it needs could not be fetched (offline): nothing was sent. */
export const LOAD_FAILED = "Part of this page could not load. Check your connection and try again.";

export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
}

/** Calls `run` after the window's load event, when the browser is idle; the returned function cancels it. */
export function afterFirstLoad(run: () => void): () => void {
  if (typeof window === "undefined") return () => {};
  let cancelled = false;
  let cancelIdle: (() => void) | undefined;
  const start = () => {
    if (cancelled) return;
    if (typeof window.requestIdleCallback === "function") {
      const id = window.requestIdleCallback(() => run());
      cancelIdle = () => window.cancelIdleCallback(id);
    } else {
      const id = setTimeout(run, 1);
      cancelIdle = () => clearTimeout(id);
    }
  };
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener("load", start);
    cancelIdle?.();
  };
}
