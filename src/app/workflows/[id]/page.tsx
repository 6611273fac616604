import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { parseSplit, SPLIT_COOKIE } from "~/components/editor/split-layout";
import { WorkflowEditor } from "~/components/editor/workflow-editor";
import { requireUser } from "~/server/auth/server-user";
import { initialDrawing } from "~/server/graph-work/initial-drawing";
import { api, appErrorCode } from "~/trpc/server";

type Params = Promise<{ id: string }>;

/** The signed-in owner's workflow, or a 404 for a missing one, another person's, or a malformed id. */
const loadWorkflow = cache(async (id: string) => {
  try {
    return await api.workflow.get({ id });
  } catch (error) {
    const code = appErrorCode(error);
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  await requireUser(`/workflows/${id}`);
  const workflow = await loadWorkflow(id);
  return { title: `${workflow.name} · Workflow Studio` };
}

/**
 * A saved workflow in the editor: its code and its graph are in the first paint, drawn on the server within a budget;
 * a large graph is left to the browser, with a notice (src/server/graph-work/initial-drawing.ts).
 */
export default async function WorkflowPage({ params }: { params: Params }) {
  const { id } = await params;
  await requireUser(`/workflows/${id}`);
  const workflow = await loadWorkflow(id);
  const { graph, layout, largeGraph } = await initialDrawing(workflow.code);
  return (
    <main className="h-[calc(100dvh-3.5rem-1px-var(--verify-banner-h,0px))] min-h-[32rem]">
      <WorkflowEditor
        key={`${workflow.id}:${workflow.version}`}
        workflow={{ id: workflow.id, version: workflow.version }}
        name={workflow.name}
        code={workflow.code}
        tags={workflow.tags}
        initialGraph={graph}
        initialLayout={layout}
        initialSplit={parseSplit((await cookies()).get(SPLIT_COOKIE)?.value)}
        largeGraph={largeGraph}
      />
    </main>
  );
}
