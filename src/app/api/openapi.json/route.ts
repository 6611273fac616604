import { openApiDocument } from "~/server/api/openapi";
import { getConfig } from "~/server/config";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(openApiDocument(getConfig().APP_URL), { headers: { "cache-control": "public, max-age=300" } });
}
