"use client";

import { useEffect } from "react";

/**
 * Keeps the tab's title at `title` while the calling component is mounted. Setting `document.title` once is not
 * enough in the App Router: the page's metadata is streamed and its `<title>` may be hydrated after this effect ran,
 * writing the metadata's title back (vercel/next.js#82037; seen on every editor load, sooner or later). So the title
 * is put back whenever `<head>` changes; nothing is written when it is already right.
 */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
