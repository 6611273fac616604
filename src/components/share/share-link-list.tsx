"use client";

import { absoluteTime } from "~/components/dashboard/format";
import { buttonClass } from "~/components/ui/button";
import type { ShareLinkItem } from "~/lib/validation/share-output";

function describe(link: ShareLinkItem): string {
  const shows = link.pinnedVersion === null ? "latest saved version" : `version ${link.pinnedVersion} only`;
  const expiry = link.expiresAt === null ? "never expires" : `${link.expired ? "expired" : "expires"} ${absoluteTime(link.expiresAt)}`;
  return `Shows the ${shows} · created ${absoluteTime(link.createdAt)} · ${expiry}`;
}

/**
 * Share links as a list with "Revoke" (the editor's share dialog shows one workflow's, Settings all of them). The
 * token is never shown again after creation: only what the link shows and when it ends.
 */
export function ShareLinkList({
  links,
  showWorkflow,
  revoking,
  onRevoke,
  label,
}: {
  links: readonly ShareLinkItem[];
  /** Settings: name the workflow (linked to it) on each row. */
  showWorkflow?: boolean;
  revoking: string | null;
  onRevoke(link: ShareLinkItem): void;
  label: string;
}) {
  return (
    <ul aria-label={label} className="flex flex-col divide-y divide-slate-200 dark:divide-slate-800">
      {links.map((link) => {
        const describedBy = `share-${link.id}-text`;
        return (
          <li key={link.id} data-testid="share-link" className="flex flex-col gap-2 py-2.5 sm:flex-row sm:items-center sm:justify-between">
            <div id={describedBy} className="min-w-0 text-sm">
              {showWorkflow ? (
                <a href={`/workflows/${link.workflowId}`} className="block truncate font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  {link.workflowName}
                </a>
              ) : null}
              <span className={link.expired ? "text-slate-500" : "text-slate-700 dark:text-slate-300"}>{describe(link)}</span>
              {link.expired ? (
                <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                  Expired
                </span>
              ) : null}
            </div>
            <button
              type="button"
              className={buttonClass("secondary", "sm", "shrink-0 self-start pointer-coarse:h-11 sm:self-auto")}
              aria-describedby={describedBy}
              disabled={revoking !== null}
              onClick={() => onRevoke(link)}
            >
              {revoking === link.id ? "Revoking…" : link.expired ? "Remove" : "Revoke"}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
