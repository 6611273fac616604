"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { buttonClass } from "~/components/ui/button";
import { useEver } from "~/components/ui/use-ever";

// The dialog, its form and the mutation load when "Delete account…" is first pressed (docs/decisions/083).
const DeleteAccountDialog = dynamic(() => import("./delete-account-dialog").then((m) => m.DeleteAccountDialog), { ssr: false });

/** Settings → "Delete account": the button; the dialog asks for the password again. */
export function DeleteAccount() {
  const [open, setOpen] = useState(false);
  const wanted = useEver(open);
  return (
    <>
      <button type="button" className={buttonClass("danger")} onClick={() => setOpen(true)}>
        Delete account…
      </button>
      {wanted ? <DeleteAccountDialog open={open} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
