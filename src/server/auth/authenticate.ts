/**
 * Who is making a request: the signed-in user from the session cookie or an `Authorization: Bearer` access token.
 * The accounts issue fills this in; until then nobody is signed in.
 */
import type { SessionUser } from "../api/context";
import type { Database } from "../db/client";

export async function authenticateRequest(_req: Request, _db: Database): Promise<SessionUser | null> {
  return null;
}
