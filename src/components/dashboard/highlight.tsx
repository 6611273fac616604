import type { ReactNode } from "react";

/** The words of a search, for highlighting: at least two characters each, longest first. */
export function searchWords(q: string): string[] {
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length >= 2);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** `text` with each occurrence of the search's words in a <mark> (case-insensitive). */
export function Highlight({ text, words }: { text: string; words: string[] }): ReactNode {
  if (!words.length) return text;
  const pattern = new RegExp(`(${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "gi");
  const parts = text.split(pattern);
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      <mark key={index} className="rounded-sm bg-amber-200/80 px-0.5 text-inherit dark:bg-amber-400/30">
        {part}
      </mark>
    ) : (
      part
    ),
  );
}
