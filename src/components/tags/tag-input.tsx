"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { MAX_TAGS, normaliseTag, tagProblem } from "~/lib/validation/tag-rules";
import { TagPill } from "./tag-pill";

/**
 * Edits a list of tags: each shown with a remove button, and a field where Enter (or a comma) adds what was typed,
 * normalised and checked with the server's own rules (src/lib/validation/tag-rules.ts).
 */
export function TagInput({
  tags,
  onChange,
  disabled,
  label = "Add a tag",
  className = "",
}: {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  disabled?: boolean;
  label?: string;
  className?: string;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  function add(): boolean {
    const tag = normaliseTag(text);
    if (!tag) return false;
    const problem = tagProblem(tag);
    if (problem) return setError(problem), false;
    if (tags.includes(tag)) {
      setText("");
      setError(null);
      return true;
    }
    if (tags.length >= MAX_TAGS) return setError(`A workflow has at most ${MAX_TAGS} tags.`), false;
    setText("");
    setError(null);
    onChange([...tags, tag]);
    return true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && text === "" && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <div className="flex min-w-0 flex-wrap items-center gap-1.5">
        <ul aria-label="Tags" className="contents">
          {tags.map((tag) => (
            <li key={tag} className="max-w-full">
              <TagPill tag={tag} disabled={disabled} onRemove={() => onChange(tags.filter((t) => t !== tag))} />
            </li>
          ))}
        </ul>
        <label htmlFor={inputId} className="sr-only">
          {label}
        </label>
        <input
          id={inputId}
          type="text"
          value={text}
          disabled={disabled}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => void (text.trim() && add())}
          placeholder={tags.length ? "Add a tag" : "Add tags…"}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="done"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="h-7 w-28 min-w-0 rounded-md border border-transparent bg-transparent px-1.5 text-sm text-slate-900 placeholder:text-slate-400 hover:border-slate-300 focus-visible:border-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-500/40 max-md:h-11 max-md:text-base aria-[invalid=true]:border-red-500 pointer-coarse:h-11 dark:text-slate-100 dark:hover:border-slate-700"
        />
      </div>
      {error ? (
        <p id={errorId} role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
