import type { Metadata } from "next";
import { cookies } from "next/headers";
import { DEFAULT_NAME } from "~/components/editor/save-state";
import { parseSplit, SPLIT_COOKIE } from "~/components/editor/split-layout";
import { WorkflowEditor } from "~/components/editor/workflow-editor";
import { findExample } from "~/lib/examples";
import { initialDrawing } from "~/server/graph-work/initial-drawing";

export const metadata: Metadata = { title: "New workflow · Workflow Studio" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A new workflow: empty, an example (`?example=<slug>`), or the signed-out draft (`?draft=1`). */
export default async function EditorPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const slug = typeof params.example === "string" ? params.example : null;
  const example = findExample(slug);
  const code = example?.code ?? "";
  const { graph, layout } = await initialDrawing(code);
  return (
    <main className="h-[calc(100dvh-3.5rem-1px-var(--verify-banner-h,0px))] min-h-[32rem]">
      <WorkflowEditor
        // A fresh editor on every visit, even when the URL only changed its query (New workflow, an example).
        key={crypto.randomUUID()}
        workflow={null}
        name={example?.title ?? DEFAULT_NAME}
        code={code}
        initialGraph={graph}
        initialLayout={layout}
        initialSplit={parseSplit((await cookies()).get(SPLIT_COOKIE)?.value)}
        restore={{ draftParam: params.draft === "1", exampleSlug: example ? example.slug : null }}
      />
    </main>
  );
}
