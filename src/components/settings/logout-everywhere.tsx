"use client";

import { signOut } from "~/components/auth/next-auth-client";
import { useState } from "react";
import { toast } from "~/components/ui/toast";
import { buttonClass } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { api } from "~/trpc/react";

/** Ends every session of the person (this one too), then clears this browser's cookie through next-auth. */
export function LogoutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const logout = api.auth.logoutEverywhere.useMutation({
    onSuccess: async () => {
      setConfirming(false);
      await signOut({ callbackUrl: "/login" });
    },
    onError: (error) => {
      setConfirming(false);
      toast.error(`Could not log out everywhere: ${error.message || "try again."}`);
    },
  });

  return (
    <>
      <button type="button" className={buttonClass("secondary")} onClick={() => setConfirming(true)}>
        Log out everywhere
      </button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        role="alertdialog"
        title="Log out everywhere?"
        description="Every browser and app signed in to your account is signed out, this one included. You will need your password to log in again."
      >
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </button>
          <button type="button" className={buttonClass("danger")} onClick={() => logout.mutate()} disabled={logout.isPending || logout.isSuccess}>
            {logout.isPending || logout.isSuccess ? "Logging out…" : "Log out everywhere"}
          </button>
        </div>
      </Dialog>
    </>
  );
}
