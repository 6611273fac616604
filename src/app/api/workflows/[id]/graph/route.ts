import { restHandler } from "~/server/api/rest";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** The visualizer's graph of the stored code. */
export const GET = restHandler<{ id: string }>(async ({ caller, params }) => json(await caller.workflow.graph({ id: params.id })));
