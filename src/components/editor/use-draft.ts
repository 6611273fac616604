"use client";

import { useMemo } from "react";
import { clearDraft, readDraft, writeDraft, type Draft, type DraftStorage } from "./draft";

function browserStorage(): DraftStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled
  }
}

/** The signed-out draft in this browser's localStorage (see draft.ts). */
export function useDraft(): { read(): Draft | null; write(draft: { name: string; code: string }): boolean; clear(): void } {
  return useMemo(
    () => ({
      read: () => readDraft(browserStorage()),
      write: (draft) => writeDraft(browserStorage(), draft),
      clear: () => clearDraft(browserStorage()),
    }),
    [],
  );
}
