import { pathNumber, restHandler, untrusted } from "~/server/api/rest";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** One version with its code. */
export const GET = restHandler<{ id: string; version: string }>(async ({ caller, params }) =>
  json(await caller.workflow.version(untrusted({ id: params.id, version: pathNumber(params.version) }))),
);
