"use client";

import { signOut } from "~/components/auth/next-auth-client";
import { useState, type FormEvent } from "react";
import { Field, FormAlert } from "~/components/auth/field";
import { useFormFeedback } from "~/components/auth/use-form-feedback";
import { buttonClass } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { api } from "~/trpc/react";

/**
 * Asks for the password again, then deletes the account for good (`account.delete`); once deleted, next-auth clears
 * this browser's cookie and the log-in page says the account is gone. A wrong password shows beside the field.
 */
export function DeleteAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { alert, fields, setAlert, showServerError } = useFormFeedback();
  const [done, setDone] = useState(false);
  const remove = api.account.delete.useMutation();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    if (!password) {
      setAlert("Enter your password to delete your account.");
      return;
    }
    try {
      await remove.mutateAsync({ password });
      setDone(true);
      await signOut({ callbackUrl: "/login?deleted=1" });
    } catch (error) {
      showServerError(error, "The account could not be deleted. Try again.");
    }
  }

  const busy = remove.isPending || done;
  return (
    <Dialog
      open={open}
      onClose={() => (busy ? undefined : onClose())}
      role="alertdialog"
      title="Delete your account?"
      description="Your workflows, their history, your share links and every session are deleted for good. This cannot be undone: download your data first if you want a copy."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <FormAlert message={alert} />
        <Field
          id="delete-password"
          name="password"
          label="Your password"
          type="password"
          autoComplete="current-password"
          required
          error={fields.password}
        />
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={onClose} disabled={busy} autoFocus>
            Cancel
          </button>
          <button type="submit" className={buttonClass("danger")} disabled={busy}>
            {busy ? "Deleting…" : "Delete my account"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
