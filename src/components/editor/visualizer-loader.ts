/**
 * The visualizer's extractors (every dialect, the data-flow reader: ~35 kB gzip) are not in the editor's first load:
 * the first paint draws the server's graph, and the browser needs the visualizer only once the code changes
 * (docs/decisions/083). It loads when the page is idle after its first load, or at the first edit, whichever comes
 * first; `loadedVisualizer()` hands it over synchronously once it is there, so redraws after that wait for nothing.
 */
import { lazyModule } from "~/lib/lazy";

export type Visualizer = typeof import("~/lib/visualizer");

let loaded: Visualizer | null = null;

export const loadVisualizer = lazyModule(async () => (loaded = await import("~/lib/visualizer")));

/** The visualizer when it has loaded, else null. */
export function loadedVisualizer(): Visualizer | null {
  return loaded;
}

/** Runs `run` with the visualizer: now when it has loaded, else once it has (never, if it cannot load). */
export function withVisualizer(run: (visualizer: Visualizer) => void): void {
  if (loaded) return run(loaded);
  loadVisualizer().then(run, () => {});
}
