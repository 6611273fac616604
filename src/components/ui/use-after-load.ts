"use client";

import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("load", onChange);
  return () => window.removeEventListener("load", onChange);
}

/**
 * False until the window's load event has fired (at once after a client-side navigation; always false on the server
 * and while hydrating): a part that is not in the first paint mounts then, and its code loads after the page's own
 * (docs/decisions/083).
 */
export function useAfterLoad(): boolean {
  return useSyncExternalStore(subscribe, () => document.readyState === "complete", () => false);
}
