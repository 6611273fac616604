/**
 * tRPC for server components (create-t3-app's `src/trpc/server.ts`): a caller of the app router whose context is
 * built from the incoming request's headers, once per request (React `cache()`). Same procedures, same checks
 * as the browser's calls, without an HTTP round trip.
 */
import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { cache } from "react";
import { createRequestContext } from "~/server/api/context";
import { createCaller } from "~/server/api/root";
import { appErrorOf } from "~/server/api/trpc";
import { getAuthSettings } from "~/server/auth/settings";

/** The request context of a server component: the browser's cookies and our request headers, at the app's URL. */
export async function createContextFromHeaders() {
  const incoming = new Headers(await headers());
  incoming.set("x-trpc-source", "rsc");
  const { appUrl } = await getAuthSettings();
  return createRequestContext(new Request(appUrl, { method: "GET", headers: incoming }));
}

const createContext = cache(createContextFromHeaders);

export const api = createCaller(createContext);

/** The app-level code of an error a procedure threw through the caller ("NOT_FOUND", "UNAUTHORIZED", …). */
export function appErrorCode(error: unknown): string | null {
  return error instanceof TRPCError ? appErrorOf(error).code : null;
}
