import { loginInput } from "~/lib/validation/auth";
import { handleAuthRoute } from "~/server/auth/http";
import { logInForTokens } from "~/server/auth/users";
import { AUTH_BODY_MAX_BYTES, readValidJson } from "~/server/http/read-json";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** `POST /api/auth/token {email,password}` → 200 `{"accessToken","tokenType":"Bearer","expiresIn","refreshToken"}`. */
export function POST(req: Request) {
  return handleAuthRoute(req, async (info) => {
    const input = await readValidJson(req, loginInput, { maxBytes: AUTH_BODY_MAX_BYTES });
    return json(await logInForTokens(info, input), { headers: { "x-request-id": info.requestId } });
  });
}
