import { toast } from "~/components/ui/toast";

/** How long the delete toast offers "Undo". */
export const UNDO_MS = 10_000;

/** "Deleted “name”" with an Undo action for 10 s (the workflow is in the trash meanwhile: decision 077). */
export function undoDeleteToast(name: string, undo: () => void): void {
  toast.success(`Deleted “${name}”`, {
    description: "It is in the trash.",
    duration: UNDO_MS,
    action: { label: "Undo", onClick: undo },
  });
}
