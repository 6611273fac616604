"use client";

import { buttonClass } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";

export function DeleteDialog({
  name,
  open,
  pending,
  onCancel,
  onDelete,
}: {
  name: string;
  open: boolean;
  pending: boolean;
  onCancel: () => void;
  onDelete: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      role="alertdialog"
      title={`Delete ${name}?`}
      description="It moves to the trash, where you can restore it for 30 days."
    >
      <div className="flex justify-end gap-2">
        {/* Cancel first: it takes the focus, so Enter never deletes by accident. */}
        <button type="button" className={buttonClass("secondary")} onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className={buttonClass("danger")} onClick={onDelete} disabled={pending}>
          {pending ? "Deleting…" : "Delete"}
        </button>
      </div>
    </Dialog>
  );
}
