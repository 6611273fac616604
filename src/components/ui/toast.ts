/**
 * sonner's `toast` (success, error, info, warning), loaded with the first toast rather than with every page: toasts
 * answer what someone did, never the first paint (docs/decisions/083). Import `toast` from here, not from "sonner", or
 * sonner (~9 kB gzip) is back in that page's first load; the budgets in tests/e2e/first-load.spec.ts would show it.
 * A toast shown before the Toaster has mounted appears when it mounts (sonner replays them).
 */
import type { ExternalToast } from "sonner";
import { lazyModule } from "~/lib/lazy";

const sonner = lazyModule(() => import("sonner"));

function show(kind: "success" | "error" | "info" | "warning") {
  return (message: string, options?: ExternalToast): void => {
    sonner().then(
      ({ toast }) => toast[kind](message, options),
      () => {}, // offline: the page itself still shows the outcome
    );
  };
}

export const toast = { success: show("success"), error: show("error"), info: show("info"), warning: show("warning") };
