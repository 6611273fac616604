/**
 * tRPC's errors as the app's: the AppError behind a TRPCError, in the one shape (docs/decisions/004). Used by the
 * tRPC error formatter and by the route wrapper (src/server/http/route.ts) for errors a caller throws.
 */
import { TRPCError } from "@trpc/server";
import { AppError, type ErrorCode } from "./app-error";
import { toAppError } from "./classify";
import { log } from "../log";

/**
 * The app-level error behind a tRPC error: our own AppError, a validation failure, or an unexpected one. An error
 * tRPC raised itself (a body or `input` that does not parse — JSON.parse's or superjson's message, "Maximum call
 * stack size exceeded" — an unknown path, a wrong method) answers a fixed message for its code; what it said goes
 * to the log only (see `logTrpcDetail`).
 */
export function appErrorOf(error: TRPCError): AppError {
  if (error.cause instanceof AppError) return error.cause;
  if (error.code === "BAD_REQUEST" && error.cause && "issues" in error.cause) return toAppError(error.cause);
  if (error.code === "INTERNAL_SERVER_ERROR") return toAppError(error.cause ?? error);
  const code = (error.code in CODE_MAP ? CODE_MAP[error.code as keyof typeof CODE_MAP] : "BAD_REQUEST") as ErrorCode;
  return new AppError(code, GENERIC_MESSAGES[code] ?? GENERIC_MESSAGES.BAD_REQUEST!);
}

/** True when tRPC raised the error itself (its message may quote the input): log it, never send it. */
export function isTrpcOwnError(error: TRPCError): boolean {
  if (error.cause instanceof AppError) return false;
  if (error.code === "BAD_REQUEST" && error.cause && "issues" in error.cause) return false;
  return error.code !== "INTERNAL_SERVER_ERROR";
}

const CODE_MAP = {
  PARSE_ERROR: "BAD_REQUEST",
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_SUPPORTED: "METHOD_NOT_SUPPORTED",
  TIMEOUT: "REQUEST_TIMEOUT",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  UNPROCESSABLE_CONTENT: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
} as const;

const GENERIC_MESSAGES: Partial<Record<ErrorCode, string>> = {
  BAD_REQUEST: "The request could not be read.",
  UNAUTHORIZED: "Sign in to do this.",
  FORBIDDEN: "You may not do this.",
  NOT_FOUND: "No such procedure.",
  METHOD_NOT_SUPPORTED: "This procedure does not accept this HTTP method.",
  REQUEST_TIMEOUT: "The request did not arrive in time.",
  CONFLICT: "The request conflicts with the current state.",
  PAYLOAD_TOO_LARGE: "The request is too large.",
  UNSUPPORTED_MEDIA_TYPE: "Send the body as JSON (Content-Type: application/json).",
  UNPROCESSABLE_CONTENT: "The request could not be processed.",
  TOO_MANY_REQUESTS: "Too many requests. Try again later.",
};

/** What tRPC said about a request it refused, for the log (bounded: a message can quote the whole input). */
export function logTrpcDetail(error: TRPCError, requestId: string): void {
  const detail = error.cause instanceof Error && error.cause.message ? error.cause.message : error.message;
  log.info({ requestId, trpcCode: error.code, detail: detail.slice(0, 500) }, "tRPC refused a request");
}

/** Any thrown value as an AppError: a TRPCError through `appErrorOf`, anything else through `toAppError`. */
export function anyAppError(error: unknown): AppError {
  return error instanceof TRPCError ? appErrorOf(error) : toAppError(error);
}
