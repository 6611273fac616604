import { registerInput } from "~/lib/validation/auth";
import { handleAuthRoute } from "~/server/auth/http";
import { registerUser } from "~/server/auth/users";
import { AUTH_BODY_MAX_BYTES, readValidJson } from "~/server/http/read-json";
import { json } from "~/server/http/respond";

export const dynamic = "force-dynamic";

/** `POST /api/auth/register {email,password}` → 201 `{"user":{"id","email"}}`. */
export function POST(req: Request) {
  return handleAuthRoute(req, async (info) => {
    const input = await readValidJson(req, registerInput, { maxBytes: AUTH_BODY_MAX_BYTES });
    const user = await registerUser(info, input);
    return json({ user }, { status: 201, headers: { "x-request-id": info.requestId } });
  });
}
