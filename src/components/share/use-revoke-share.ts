"use client";

import { useState } from "react";
import { toast } from "~/components/ui/toast";
import type { ShareLinkItem } from "~/lib/validation/share-output";
import { api } from "~/trpc/react";

/** Revokes a link and refreshes both lists of links (the workflow's and Settings'). */
export function useRevokeShare() {
  const utils = api.useUtils();
  const [revoking, setRevoking] = useState<string | null>(null);
  const revoke = api.share.revoke.useMutation({
    onSuccess: () => toast.success("Link revoked", { description: "Anyone opening it now finds nothing." }),
    onError: (error) => toast.error(`Could not revoke the link: ${error.message || "try again."}`),
    onSettled: async () => {
      setRevoking(null);
      await Promise.all([utils.share.list.invalidate(), utils.share.mine.invalidate()]);
    },
  });
  return {
    revoking,
    revoke(link: ShareLinkItem) {
      setRevoking(link.id);
      revoke.mutate({ shareId: link.id });
    },
  };
}
