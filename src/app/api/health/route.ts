import { requestMeta } from "~/server/api/context";
import { getConfig } from "~/server/config";
import { getDatabase } from "~/server/db/client";
import { json } from "~/server/http/respond";
import { checkHealth } from "~/server/services/health";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const { requestId } = requestMeta(req);
  const db = await getDatabase();
  const report = await checkHealth(db, getConfig().DATABASE_TIMEOUT_MS);
  return json(report, { status: report.status === "ok" ? 200 : 503, headers: { "x-request-id": requestId } });
}
