import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SharedWorkflowView } from "~/components/share/shared-workflow-view";
import { getDatabase } from "~/server/db/client";
import { AppError } from "~/server/errors/app-error";
import { initialDrawing } from "~/server/graph-work/initial-drawing";
import { readShared } from "~/server/shares/shared";

type Params = Promise<{ token: string }>;

/** Never indexed, never followed, and no Referer leaves it (the headers say so too: next.config.mjs). */
const PRIVATE: Metadata = { robots: { index: false, follow: false, nocache: true }, referrer: "no-referrer" };

/**
 * The workflow a token opens, or the one 404 for any token that opens nothing (wrong, revoked, expired, trashed).
 * Our server counted this request against the per-address limit before Next rendered it (src/server/shares/page-gate.ts).
 */
const loadShared = cache(async (token: string) => {
  try {
    return await readShared(await getDatabase(), token);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { token } = await params;
  const shared = await loadShared(token);
  return { ...PRIVATE, title: `${shared.name} · shared · Workflow Studio` };
}

/** A shared workflow, read-only, for anyone holding the link: no account, no owner, nothing else of theirs. */
export default async function SharedWorkflowPage({ params }: { params: Params }) {
  const { token } = await params;
  const shared = await loadShared(token);
  const { graph, layout } = await initialDrawing(shared.code);
  return (
    <main className="h-[calc(100dvh-3.5rem-1px-var(--verify-banner-h,0px))] min-h-[28rem]">
      <SharedWorkflowView shared={shared} initialGraph={graph} initialLayout={layout} />
    </main>
  );
}
