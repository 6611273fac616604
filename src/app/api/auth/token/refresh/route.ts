import { refreshInput } from "~/lib/validation/auth";
import { handleAuthRoute } from "~/server/auth/http";
import { rotateRefreshToken } from "~/server/auth/refresh-tokens";
import { AUTH_BODY_MAX_BYTES, readValidJson } from "~/server/http/read-json";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** `POST /api/auth/token/refresh {refreshToken}` → 200, a new pair; the old refresh token is spent. */
export function POST(req: Request) {
  return handleAuthRoute(req, async (info) => {
    const { refreshToken } = await readValidJson(req, refreshInput, { maxBytes: AUTH_BODY_MAX_BYTES });
    return json(await rotateRefreshToken(info, refreshToken), { headers: { "x-request-id": info.requestId } });
  });
}
