"use client";

import { useCallback, useSyncExternalStore } from "react";

/** Whether a CSS media query matches; `serverValue` during server rendering and hydration. */
export function useMediaQuery(query: string, serverValue = false): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => serverValue,
  );
}

/** The editor's phone layout (Code | Graph tabs) below this width; tablets and desktops keep the split. */
export const PHONE_QUERY = "(max-width: 767.98px)";
/** A touch screen without a mouse: no keyboard hints, larger targets. */
export const TOUCH_QUERY = "(pointer: coarse)";
