import { refreshInput } from "~/lib/validation/auth";
import { handleAuthRoute } from "~/server/auth/http";
import { revokeRefreshToken } from "~/server/auth/refresh-tokens";
import { AUTH_BODY_MAX_BYTES, readValidJson } from "~/server/http/read-json";
import { NO_STORE } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** `POST /api/auth/token/revoke {refreshToken}` → 204: ends the token's session (its whole family). */
export function POST(req: Request) {
  return handleAuthRoute(req, async (info) => {
    const { refreshToken } = await readValidJson(req, refreshInput, { maxBytes: AUTH_BODY_MAX_BYTES });
    await revokeRefreshToken(info, refreshToken);
    return new Response(null, { status: 204, headers: { ...NO_STORE, "x-request-id": info.requestId } });
  });
}
