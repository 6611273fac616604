/** JSON responses for the fetch-style handlers Next still serves (next-auth), errors always in the one shape. */
import { AppError, errorBody } from "../errors/app-error";
import { toAppError } from "../errors/classify";
import { log } from "../log";

export const NO_STORE = { "cache-control": "no-store" } as const;

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function errorResponse(error: unknown, requestId: string): Response {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL_SERVER_ERROR") {
    log.error({ err: error, requestId }, "unexpected error in a route handler");
  }
  return json(errorBody(appError.code, appError.message, requestId, appError.extra), {
    status: appError.status,
    headers: { "x-request-id": requestId, ...appError.extra.headers },
  });
}

export { AppError };
