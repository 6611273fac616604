import { queryObject, restHandler, untrusted } from "~/server/api/rest";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** Your trashed workflows, most recently deleted first, each with the time it is purged. */
export const GET = restHandler(async ({ req, caller }) => json(await caller.workflow.trash(untrusted(queryObject(req, ["limit"])))));
