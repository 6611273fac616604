"use client";

import { useEffect, useRef } from "react";

export const LEAVE_MESSAGE = "You have unsaved changes. Leave this page and lose them?";

/** Whether a click on this anchor would navigate this tab away from the current page. */
function leavesPage(anchor: HTMLAnchorElement, event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false; // a new tab or window
  if (anchor.target && anchor.target !== "_self") return false;
  if (anchor.hasAttribute("download")) return false;
  const href = anchor.getAttribute("href");
  if (!href || href.startsWith("#")) return false;
  const url = new URL(anchor.href, window.location.href);
  const here = window.location;
  return !(url.origin === here.origin && url.pathname === here.pathname && url.search === here.search);
}

/**
 * Asks before leaving with unsaved changes: the browser's own prompt on reload, close and typed URLs
 * (`beforeunload`), and a confirmation on in-app link clicks (caught before Next's <Link> handles them).
 * `allowNextNavigation()` lets one programmatic navigation through (the editor's own, after a save).
 */
export function useUnsavedGuard(dirty: boolean): { allowNextNavigation(): void } {
  const dirtyRef = useRef(dirty);
  const bypass = useRef(false);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current || bypass.current) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers
    };
    const onClick = (event: MouseEvent) => {
      if (!dirtyRef.current || bypass.current) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || !leavesPage(anchor, event)) return;
      if (window.confirm(LEAVE_MESSAGE)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture on the document runs before React's handlers on the root, so <Link> sees defaultPrevented.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, []);

  return {
    allowNextNavigation() {
      bypass.current = true;
      // Re-arm once the navigation had its chance (a same-page transition keeps this component mounted).
      window.setTimeout(() => {
        bypass.current = false;
      }, 1500);
    },
  };
}
