/**
 * The signed-in user in server components and layouts, by the same rules as every request
 * (authenticateRequest). `requireUser` redirects to /login with a callback when nobody is signed in.
 */
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "~/lib/validation/auth";
import type { SessionUser } from "../http/request";
import { getDatabase } from "../db/client";
import { authenticateRequest } from "./authenticate";

export async function getServerUser(): Promise<SessionUser | null> {
  const incoming = await headers();
  return authenticateRequest({ method: "GET", headers: incoming }, await getDatabase());
}

export async function requireUser(callbackPath: string): Promise<SessionUser> {
  const user = await getServerUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(safeCallbackPath(callbackPath))}`);
  return user;
}
