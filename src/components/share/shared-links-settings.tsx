"use client";

import { api } from "~/trpc/react";
import { ShareLinkList } from "./share-link-list";
import { useRevokeShare } from "./use-revoke-share";

/** Settings → Shared links: every link the person made, newest first, each with "Revoke" (docs/decisions/090). */
export function SharedLinksSettings() {
  const links = api.share.mine.useQuery();
  const { revoking, revoke } = useRevokeShare();
  if (links.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (links.isError) return <p role="alert">Could not load your shared links: {links.error.message}</p>;
  if (links.data.items.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">You have not shared any workflow. Use “Share” in the editor.</p>;
  }
  return <ShareLinkList label="Shared links" links={links.data.items} showWorkflow revoking={revoking} onRevoke={revoke} />;
}
