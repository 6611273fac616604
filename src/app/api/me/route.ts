import { requestMeta } from "~/server/api/context";
import { authenticateRequest } from "~/server/auth/authenticate";
import { getDatabase } from "~/server/db/client";
import { AppError } from "~/server/errors/app-error";
import { errorResponse, json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** `GET /api/me` → `{"user":{"id","email"}}` for a session cookie or `Authorization: Bearer`; else 401. */
export async function GET(req: Request) {
  const { requestId } = requestMeta(req);
  try {
    const user = await authenticateRequest(req, await getDatabase());
    if (!user) throw new AppError("UNAUTHORIZED", "Sign in to do this.");
    return json({ user: { id: user.id, email: user.email } }, { headers: { "x-request-id": requestId } });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
