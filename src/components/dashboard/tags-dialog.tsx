"use client";

import { useState } from "react";
import { TagInput } from "~/components/tags/tag-input";
import { buttonClass } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";

/** Edits a workflow's tags from its card; Save replaces them as a whole (no new version of the code). */
export function TagsDialog({
  name,
  tags,
  open,
  pending,
  serverError,
  onCancel,
  onSave,
}: {
  name: string;
  tags: readonly string[];
  open: boolean;
  pending: boolean;
  serverError: string | null;
  onCancel: () => void;
  onSave: (tags: string[]) => void;
}) {
  const [draft, setDraft] = useState<string[]>([...tags]);
  return (
    <Dialog open={open} onClose={onCancel} title={`Tags of “${name}”`} description="Type a tag and press Enter. Tags are stored in lower case.">
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          onSave(draft);
        }}
      >
        <div className="rounded-lg border border-slate-300 p-2 dark:border-slate-600">
          <TagInput tags={draft} onChange={setDraft} disabled={pending} />
        </div>
        {serverError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {serverError}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className={buttonClass("primary")} disabled={pending}>
            {pending ? "Saving…" : "Save tags"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
