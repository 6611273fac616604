"use client";

import { useEffect, useMemo, useRef } from "react";
import { createDebouncer, type Debouncer } from "./live-graph";
import { clearDraft, DRAFT_WRITE_DELAY_MS, readDraft, writeDraft, type Draft, type DraftStorage } from "./draft";
import type { Content } from "./save-state";

function browserStorage(): DraftStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled
  }
}

export interface LocalDraftOptions {
  /** The workflow the editor holds now (null: not saved yet). */
  workflowId(): string | null;
  /** The example a new workflow started from. */
  example: string | null;
  getContent(): Content;
  /** Whether the content differs from what the server has. */
  isDirty(content: Content): boolean;
  /** While true nothing is written (an older draft is being offered and must not be overwritten first). */
  paused(): boolean;
}

export interface LocalDraft {
  read(workflowId: string | null): Draft | null;
  /** Writes now (the signed-out Save). */
  write(content: Content, workflowId: string | null): boolean;
  clear(workflowId: string | null): void;
  /** Call after every change: the draft is written DRAFT_WRITE_DELAY_MS after the last one. */
  schedule(): void;
}

/**
 * The editor's local draft (draft.ts): written shortly after each change while the content differs from the
 * server's, removed when it no longer does, and written at once when the page is hidden or closed.
 */
export function useLocalDraft(options: LocalDraftOptions): LocalDraft {
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });
  const wrote = useRef(false);

  const debouncer = useRef<Debouncer | null>(null);
  useEffect(() => {
    const created = createDebouncer(() => {
      const opts = optionsRef.current;
      if (opts.paused()) return;
      const content = opts.getContent();
      const id = opts.workflowId();
      if (opts.isDirty(content)) {
        const example = id === null ? opts.example : null;
        wrote.current = writeDraft(browserStorage(), { ...content, example }, { workflowId: id }) || wrote.current;
      } else if (wrote.current) {
        // Back to what the server has: this editor's draft has nothing left to keep.
        clearDraft(browserStorage(), id);
        wrote.current = false;
      }
    }, DRAFT_WRITE_DELAY_MS);
    debouncer.current = created;
    const flush = () => created.flush();
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      created.flush();
      debouncer.current = null;
    };
  }, []);

  return useMemo(
    () => ({
      read: (id) => readDraft(browserStorage(), id),
      write: (content, id) =>
        writeDraft(browserStorage(), { ...content, example: id === null ? optionsRef.current.example : null }, { workflowId: id }),
      clear: (id) => {
        debouncer.current?.cancel();
        clearDraft(browserStorage(), id);
        wrote.current = false;
      },
      schedule: () => debouncer.current?.schedule(),
    }),
    [],
  );
}
