"use client";

import { useLayoutEffect } from "react";

/**
 * Keeps the tab's title at `title` while the calling component is mounted. Setting `document.title` once is not
 * enough in the App Router: the page's metadata is streamed and its `<title>` may be hydrated after this effect ran,
 * writing the metadata's title back (vercel/next.js#82037; seen on every editor load, sooner or later). So the title
 * is put back whenever `<head>` changes; nothing is written when it is already right.
 * A layout effect: on leaving the page its cleanup runs inside React's commit, so the next page's title (written in
 * the same commit) is not put back by a last observer callback; disconnect() drops the pending records.
 */
export function useDocumentTitle(title: string): void {
  useLayoutEffect(() => {
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
