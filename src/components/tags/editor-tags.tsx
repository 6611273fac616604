"use client";

import { useState } from "react";
import { toast } from "~/components/ui/toast";
import { api } from "~/trpc/react";
import { TagInput } from "./tag-input";

/**
 * The editor header's tags: each change is saved at once through `workflow.setTags`, apart from the code — no new
 * version, no conflict with the code's own saves (docs/decisions/087). A refused change puts the tags back.
 */
export function EditorTags({ workflowId, initialTags }: { workflowId: string; initialTags: readonly string[] }) {
  const [tags, setTags] = useState<string[]>([...initialTags]);
  const utils = api.useUtils();
  const save = api.workflow.setTags.useMutation({
    onSuccess: (saved) => {
      setTags(saved.tags);
      void utils.workflow.list.invalidate();
      void utils.workflow.tags.invalidate();
    },
  });
  return (
    <div className="flex min-h-10 items-center gap-2 border-b border-slate-200 bg-white px-4 py-1 max-md:px-2 dark:border-slate-800 dark:bg-slate-950">
      <span className="shrink-0 text-xs font-medium text-slate-500 dark:text-slate-400">Tags</span>
      <TagInput
        tags={tags}
        className="flex-1"
        onChange={(next) => {
          const before = tags;
          setTags(next);
          save.mutate(
            { id: workflowId, tags: next },
            {
              onError: (error) => {
                setTags(before);
                toast.error(`Could not save the tags: ${error.message}`);
              },
            },
          );
        }}
      />
      <span role="status" aria-live="polite" className="sr-only">
        {save.isPending ? "Saving the tags" : save.isSuccess ? "Tags saved" : ""}
      </span>
    </div>
  );
}
