"use client";

import { useId, useRef, useState } from "react";
import { toast } from "~/components/ui/toast";
import { buttonClass } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { DEFAULT_SHARE_EXPIRY, SHARE_EXPIRIES, type ShareExpiry } from "~/lib/validation/share";
import type { CreatedShareLink } from "~/lib/validation/share-output";
import { api } from "~/trpc/react";
import { ShareLinkList } from "./share-link-list";
import { useRevokeShare } from "./use-revoke-share";

const EXPIRY_LABELS: Record<ShareExpiry, string> = { "1d": "1 day", "7d": "7 days", "30d": "30 days", never: "Never" };

const FIELD =
  "h-10 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500 pointer-coarse:h-11 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100";

/**
 * The editor's "Share" dialog (docs/decisions/090): make a read-only link — how long it lives, and whether it follows
 * the latest save or shows this version only — copy it (it is shown this once), and see and revoke this workflow's
 * links. Links show saved code only.
 */
export function ShareDialog({ workflowId, version, open, onClose }: { workflowId: string; version: number; open: boolean; onClose: () => void }) {
  const expiryId = useId();
  const linkId = useId();
  const [expiresIn, setExpiresIn] = useState<ShareExpiry>(DEFAULT_SHARE_EXPIRY);
  const [pinned, setPinned] = useState(false);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const utils = api.useUtils();
  const links = api.share.list.useQuery({ id: workflowId }, { enabled: open });
  const { revoking, revoke } = useRevokeShare();
  const create = api.share.create.useMutation({
    onSuccess: async (result) => {
      setCreated(result);
      await Promise.all([utils.share.list.invalidate({ id: workflowId }), utils.share.mine.invalidate()]);
    },
    onError: (error) => toast.error(`Could not make a link: ${error.message || "try again."}`),
  });
  const url = created ? `${window.location.origin}${created.path}` : "";

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      toast.success("Link copied");
    } catch {
      linkInput.current?.select();
      toast.info("Select the link and copy it.");
    }
  };

  return (
    <Dialog
      open={open}
      onClose={() => {
        setCreated(null);
        onClose();
      }}
      title="Share read-only"
      description="Anyone with the link sees this workflow's name, code and graph, without an account. They cannot change it, and they do not see your email or other workflows."
      className="max-w-xl"
    >
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ id: workflowId, expiresIn, version: pinned ? version : "latest" });
        }}
      >
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-sm font-medium">The link shows</legend>
          <label className="flex min-h-8 items-center gap-2 text-sm">
            <input type="radio" name="share-version" checked={!pinned} onChange={() => setPinned(false)} />
            The latest saved version, whenever it is opened
          </label>
          <label className="flex min-h-8 items-center gap-2 text-sm">
            <input type="radio" name="share-version" checked={pinned} onChange={() => setPinned(true)} />
            Only this version (v{version}), even after later saves
          </label>
        </fieldset>
        <div className="flex flex-wrap items-end gap-3">
          <label htmlFor={expiryId} className="flex flex-col gap-1 text-sm font-medium">
            Expires after
            <select id={expiryId} value={expiresIn} onChange={(event) => setExpiresIn(event.target.value as ShareExpiry)} className={FIELD}>
              {SHARE_EXPIRIES.map((value) => (
                <option key={value} value={value}>
                  {EXPIRY_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass("primary", "md", "pointer-coarse:h-11")} disabled={create.isPending}>
            {create.isPending ? "Making the link…" : "Create link"}
          </button>
        </div>
      </form>
      {created ? (
        <div className="flex flex-col gap-1.5 rounded-lg border border-emerald-200 bg-emerald-50 p-3 dark:border-emerald-900/60 dark:bg-emerald-950/40">
          <label htmlFor={linkId} className="text-sm font-medium">
            Your new link — copy it now, it is shown only this once
          </label>
          <div className="flex gap-2">
            <input id={linkId} ref={linkInput} readOnly value={url} onFocus={(event) => event.currentTarget.select()} className={`${FIELD} min-w-0 flex-1 font-mono text-xs`} />
            <button type="button" className={buttonClass("secondary", "md", "pointer-coarse:h-11")} onClick={() => void copy()}>
              Copy link
            </button>
          </div>
        </div>
      ) : null}
      <div className="flex flex-col gap-1">
        <h3 className="text-sm font-medium">Links to this workflow</h3>
        {links.isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
        {links.isError ? <p role="alert">Could not load the links: {links.error.message}</p> : null}
        {links.data && links.data.items.length === 0 ? <p className="text-sm text-slate-500">None yet.</p> : null}
        {links.data && links.data.items.length > 0 ? (
          <ShareLinkList label="Links to this workflow" links={links.data.items} revoking={revoking} onRevoke={revoke} />
        ) : null}
      </div>
      <div className="flex justify-end">
        <button
          type="button"
          className={buttonClass("secondary", "md", "pointer-coarse:h-11")}
          onClick={() => {
            setCreated(null);
            onClose();
          }}
        >
          Close
        </button>
      </div>
    </Dialog>
  );
}
